package dev.storyline.cli.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker running inside this JVM, so that {@code storyline demo}
 * and the integration tests need neither Docker nor a separately installed Kafka.
 *
 * <p>The node runs in KRaft combined mode (controller and broker in one process) with a static
 * one-voter quorum, and listens on 127.0.0.1 only. Its log directory is formatted with Kafka's own
 * storage formatter the first time it is used and reused afterwards, so topics and records survive
 * restarts. Settings are those a single node needs for consumer groups, transactions and Kafka
 * Streams {@code exactly_once_v2} to work (replication factor 1 everywhere).
 *
 * <p>This is the only class in Storyline that touches Kafka server classes; everything else talks
 * to it through {@link #bootstrapServers()} with ordinary Kafka clients.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /**
   * Where and how to run the broker.
   *
   * @param logDir the Kafka log directory (data and cluster metadata); created if absent
   * @param port the client (PLAINTEXT) port on 127.0.0.1; {@code 0} picks a free one
   * @param defaultPartitions {@code num.partitions} for topics created without an explicit count
   */
  public record Settings(Path logDir, int port, int defaultPartitions) {
    public Settings {
      Objects.requireNonNull(logDir, "logDir");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      if (defaultPartitions < 1) {
        throw new IllegalArgumentException(
            "defaultPartitions must be at least 1, was " + defaultPartitions);
      }
    }
  }

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String CLIENT_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  // An ephemeral port we picked can be grabbed by someone else before Kafka binds it.
  private static final int MAX_ATTEMPTS_FOR_PICKED_PORTS = 3;
  // Kafka's own .lock is only taken by the broker half, after the controller half has opened the
  // metadata log: a second broker on the same dir would already be writing to it when it fails.
  private static final String LOCK_FILE = ".storyline-broker.lock";
  private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^:]+:(\\d+)");

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;
  private final FileLock logDirLock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, FileLock logDirLock) {
    this.server = server;
    this.bootstrapServers = HOST + ":" + port;
    this.logDir = logDir;
    this.logDirLock = logDirLock;
  }

  /**
   * Starts the broker and returns once it accepts client connections.
   *
   * @throws BrokerStartException if the port is taken, the log directory is unusable, or the broker
   *     is not ready within 60 seconds
   */
  public static EmbeddedKafkaBroker start(Settings settings) {
    long startNanos = System.nanoTime();
    Path logDir = settings.logDir().toAbsolutePath().normalize();
    prepareLogDir(logDir);
    FileLock logDirLock = lockLogDir(logDir);
    try {
      if (settings.port() != 0) {
        // Kafka's own bind failure surfaces deep inside a startup stack trace, after the log
        // dir has been recovered; checking first gives a fast, readable error.
        requirePortFree(settings.port());
      }
      formatIfNeeded(logDir);
      EmbeddedKafkaBroker broker = startWithRetries(settings, logDir, logDirLock);
      log.info(
          "Embedded Kafka broker ready on {} (log dir {}) in {} ms",
          broker.bootstrapServers,
          logDir,
          Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
      return broker;
    } catch (RuntimeException e) {
      release(logDirLock, e);
      throw e;
    }
  }

  private static EmbeddedKafkaBroker startWithRetries(
      Settings settings, Path logDir, FileLock logDirLock) {
    for (int attempt = 1; ; attempt++) {
      int port = settings.port() != 0 ? settings.port() : pickFreePort();
      // The controller port is not part of the formatted metadata (static quorum, kraft.version 0),
      // so a fresh one per start is fine.
      int controllerPort = pickFreePort();
      log.debug(
          "Starting embedded Kafka broker: client port {}, controller port {}, log dir {}",
          port,
          controllerPort,
          logDir);
      try {
        KafkaRaftServer server =
            startServer(logDir, port, controllerPort, settings.defaultPartitions());
        return new EmbeddedKafkaBroker(server, port, logDir, logDirLock);
      } catch (Exception e) {
        // Exception, not RuntimeException: Scala code throws checked exceptions (e.g. the
        // startup TimeoutException) without declaring them.
        OptionalInt failedPort = failedBindPort(e);
        if (failedPort.isPresent() && settings.port() != 0 && failedPort.getAsInt() == port) {
          throw portInUse(port, e);
        }
        if (failedPort.isPresent() && attempt < MAX_ATTEMPTS_FOR_PICKED_PORTS) {
          log.debug(
              "Picked port {} was taken before Kafka could bind it; retrying",
              failedPort.getAsInt());
          continue;
        }
        throw explain(e, logDir);
      }
    }
  }

  /** The address clients connect to, {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Shuts the broker down cleanly and waits for it; calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    try {
      server.shutdown();
    } finally {
      try {
        server.awaitShutdown();
      } finally {
        release(logDirLock, null);
      }
    }
    log.info(
        "Embedded Kafka broker on {} (log dir {}) stopped in {} ms",
        bootstrapServers,
        logDir,
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
  }

  private static KafkaRaftServer startServer(
      Path logDir, int port, int controllerPort, int defaultPartitions) throws Exception {
    KafkaConfig config =
        KafkaConfig.fromProps(
            brokerProperties(logDir, port, controllerPort, defaultPartitions), false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      // Blocks until the broker is unfenced and its listeners accept connections, bounded by
      // server.max.startup.time.ms; on failure Kafka has already stopped the broker half.
      server.startup();
    } catch (Exception e) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (Exception shutdownFailure) {
        e.addSuppressed(shutdownFailure);
      }
      throw e;
    }
    return server;
  }

  private static Properties brokerProperties(
      Path logDir, int port, int controllerPort, int defaultPartitions) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + port);
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put("log.dirs", logDir.toString());

    props.put("num.partitions", String.valueOf(defaultPartitions));
    props.put("auto.create.topics.enable", "false");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Internal topics default to 50 partitions each, paid for in latency on first use and in
    // file handles. Changing these once the topics exist would map groups and transactional ids
    // to other partitions, so they must stay fixed for a given log dir.
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.num.partitions", "1");
    // Nobody else is going to join; waiting 3 s for them only slows every first rebalance.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The 128 MB default is allocated on the heap of the application embedding the broker.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    props.put("server.max.startup.time.ms", String.valueOf(STARTUP_TIMEOUT.toMillis()));
    return props;
  }

  private static void prepareLogDir(Path logDir) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException | SecurityException e) {
      throw new BrokerStartException(
          "cannot create Kafka log dir "
              + logDir
              + " ("
              + e
              + "); choose another directory or fix its permissions",
          e);
    }
    try {
      // Files.isWritable is not reliable (ACLs, read-only mounts, root); actually writing is.
      Path probe = Files.createTempFile(logDir, ".write-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new BrokerStartException(
          "Kafka log dir "
              + logDir
              + " is not writable ("
              + e
              + "); choose another directory or fix its permissions",
          e);
    }
  }

  private static FileLock lockLogDir(Path logDir) {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              logDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      channel.close();
      throw logDirInUse(logDir, null);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw logDirInUse(logDir, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BrokerStartException("cannot lock Kafka log dir " + logDir + ": " + e, e);
    }
  }

  private static void release(FileLock lock, RuntimeException failure) {
    try {
      // Closing the channel releases the lock.
      lock.channel().close();
    } catch (IOException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        log.warn("Could not release the lock on Kafka log dir", e);
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("Ignoring failure to close {}", channel, e);
    }
  }

  private static BrokerStartException logDirInUse(Path logDir, Throwable cause) {
    return new BrokerStartException(
        "Kafka log dir "
            + logDir
            + " is in use by another Kafka broker;"
            + " stop it or use another directory",
        cause);
  }

  private static void formatIfNeeded(Path logDir) {
    Path metaProperties = logDir.resolve("meta.properties");
    if (Files.exists(metaProperties)) {
      requireFormattedForThisNode(logDir, metaProperties);
      return;
    }
    ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .addDirectory(logDir.toString())
          .setMetadataLogDirectory(logDir.toString())
          .run();
    } catch (Exception e) {
      throw new BrokerStartException(
          "could not format Kafka log dir " + logDir + ": " + e.getMessage(), e);
    }
    log.debug(
        "Formatted Kafka log dir {}: {}",
        logDir,
        formatterOutput.toString(StandardCharsets.UTF_8).strip());
  }

  // Kafka refuses these too, but deep in a startup stack trace and without saying what to do.
  private static void requireFormattedForThisNode(Path logDir, Path metaProperties) {
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      meta.load(in);
    } catch (NoSuchFileException e) {
      throw new BrokerStartException(
          "Kafka log dir " + logDir + " changed while starting; try again", e);
    } catch (IOException e) {
      throw new BrokerStartException("cannot read " + metaProperties + ": " + e.getMessage(), e);
    }
    String version = meta.getProperty("version");
    String nodeId = meta.getProperty("node.id");
    String clusterId = meta.getProperty("cluster.id");
    if (!"1".equals(version)
        || !String.valueOf(NODE_ID).equals(nodeId)
        || clusterId == null
        || clusterId.isBlank()) {
      throw new BrokerStartException(
          "Kafka log dir "
              + logDir
              + " was formatted by an incompatible cluster"
              + " (meta.properties has version="
              + version
              + ", node.id="
              + nodeId
              + ", cluster.id="
              + clusterId
              + "; expected a KRaft directory of node "
              + NODE_ID
              + ");"
              + " use an empty directory, or delete this one to start from scratch");
    }
  }

  private static void requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(loopback(), port));
    } catch (IOException e) {
      throw portInUse(port, e);
    }
  }

  private static int pickFreePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(loopback(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException(
          "could not find a free port on " + HOST + ": " + e.getMessage(), e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName(HOST);
    } catch (IOException e) {
      throw new IllegalStateException("a literal IP address cannot fail to resolve", e);
    }
  }

  private static BrokerStartException portInUse(int port, Throwable cause) {
    return new BrokerStartException(
        "port "
            + port
            + " on "
            + HOST
            + " is already in use; start with"
            + " --kafka-port <other> or stop the process using it",
        cause);
  }

  private static OptionalInt failedBindPort(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher matcher = BIND_FAILURE.matcher(t.getMessage());
        if (matcher.find()) {
          return OptionalInt.of(Integer.parseInt(matcher.group(1)));
        }
      }
    }
    return OptionalInt.empty();
  }

  private static BrokerStartException explain(Exception failure, Path logDir) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return new BrokerStartException(
            "Kafka broker (log dir "
                + logDir
                + ") was not ready within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s: "
                + t.getMessage(),
            failure);
      }
      if (t.getMessage() != null && t.getMessage().contains("Failed to acquire lock")) {
        return logDirInUse(logDir, failure);
      }
    }
    return new BrokerStartException(
        "Kafka broker (log dir " + logDir + ") failed to start: " + failure, failure);
  }
}
