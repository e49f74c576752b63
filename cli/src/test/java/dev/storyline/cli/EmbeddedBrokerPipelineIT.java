package dev.storyline.cli;

import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline contract on the embedded KRaft broker: runs everywhere. */
@ExtendWith(SharedBroker.class)
class EmbeddedBrokerPipelineIT extends PipelineContract {

  @Override
  String bootstrapServers() {
    return SharedBroker.bootstrapServers();
  }
}
