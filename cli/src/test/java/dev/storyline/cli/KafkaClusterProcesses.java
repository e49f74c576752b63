package dev.storyline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A small Apache Kafka cluster in KRaft mode for the reliability and security tests, each node
 * (broker and controller combined, static quorum of every node) its own JVM running {@code kafka.Kafka} from the
 * test classpath, so that a test can stop one gracefully or kill it with SIGKILL and restart it on
 * the same log directory. Three nodes: replication factor 3 and {@code min.insync.replicas=2} by
 * default; one node with a SASL/PLAIN client listener for the security test. Listens on 127.0.0.1
 * only, on free ports.
 */
final class KafkaClusterProcesses implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration READY = Duration.ofMinutes(3);
  /** The broker's own SASL/PLAIN identity, for its inter-broker listener. */
  static final String BROKER_USER = "broker";
  static final String BROKER_PASSWORD = "broker-secret";

  private final Path dir;
  private final int count;
  private final String saslUsers;
  private final int[] clientPorts;
  private final int[] controllerPorts;
  private final ChildJvm[] nodes;
  private final int[] starts;

  /** Three nodes on PLAINTEXT listeners. */
  KafkaClusterProcesses(Path dir) {
    this(dir, 3, null);
  }

  /**
   * @param count nodes (replication factor and quorum size)
   * @param saslUsers null for a PLAINTEXT client listener, else a SASL_PLAINTEXT one with the
   *     PLAIN mechanism and these users ({@code user_NAME="PASSWORD"} JAAS options)
   */
  private KafkaClusterProcesses(Path dir, int count, String saslUsers) {
    this.dir = dir;
    this.count = count;
    this.saslUsers = saslUsers;
    nodes = new ChildJvm[count];
    starts = new int[count];
    int[] ports = freePorts(2 * count);
    clientPorts = Arrays.copyOfRange(ports, 0, count);
    controllerPorts = Arrays.copyOfRange(ports, count, 2 * count);
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < count; i++) {
      format(i, clusterId);
    }
    for (int i = 0; i < count; i++) {
      start(i);
    }
  }

  /** One node whose client listener takes SASL/PLAIN over plaintext, with one user besides the broker. */
  static KafkaClusterProcesses saslPlain(Path dir, String user, String password) {
    return new KafkaClusterProcesses(dir, 1, "user_" + BROKER_USER + "=\"" + BROKER_PASSWORD + "\" user_" + user
        + "=\"" + password + "\"");
  }

  String bootstrapServers() {
    List<String> servers = new ArrayList<>();
    for (int port : clientPorts) {
      servers.add(HOST + ":" + port);
    }
    return String.join(",", servers);
  }

  /** Node {@code i} (0-based) stopped gracefully: SIGTERM, controlled shutdown. */
  void stop(int i) throws InterruptedException {
    nodes[i].close();
  }

  /** Node {@code i} killed with SIGKILL. */
  void kill(int i) throws InterruptedException {
    nodes[i].kill();
  }

  /** Starts node {@code i} on its log directory. */
  void start(int i) {
    starts[i]++;
    nodes[i] = ChildJvm.start(dir.resolve("node-" + (i + 1) + "-start-" + starts[i] + ".log"), "512m",
        "kafka.Kafka", List.of(writeConfig(i).toString()));
  }

  /**
   * Waits until every node is registered and every partition of {@code topics} has all replicas in
   * sync, bounded by three minutes.
   */
  void awaitFullyReplicated(Set<String> topics) throws Exception {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    if (saslUsers != null) {
      config.putAll(saslClient(BROKER_USER, BROKER_PASSWORD));
    }
    long deadline = System.nanoTime() + READY.toNanos();
    String last = "no answer";
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        requireAllAlive();
        try {
          int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
          Map<String, TopicDescription> described = topics.isEmpty() ? Map.of()
              : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
          String underReplicated = described.values().stream()
              .flatMap(t -> t.partitions().stream().filter(p -> p.isr().size() < count)
                  .map(p -> t.name() + "-" + p.partition()))
              .collect(Collectors.joining(", "));
          if (brokers == count && underReplicated.isEmpty()) {
            return;
          }
          last = brokers + " brokers; under-replicated: " + underReplicated;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          last = e.toString();
        }
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("cluster not fully replicated within " + READY + ": " + last);
  }

  /** Fails at once, with the node's log, when a node has exited: waiting for it could never succeed. */
  private void requireAllAlive() {
    for (int i = 0; i < count; i++) {
      if (nodes[i] != null && !nodes[i].isAlive()) {
        throw new IllegalStateException("node " + (i + 1) + " (client port " + clientPorts[i] + ", controller port "
            + controllerPorts[i] + ") has exited; the end of its log:\n" + nodes[i].tail());
      }
    }
  }

  /** Client properties for SASL/PLAIN over plaintext as {@code user}. */
  static Map<String, String> saslClient(String user, String password) {
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
            + password + "\";");
  }

  private void format(int i, String clusterId) {
    Path logDir = dir.resolve("node-" + (i + 1));
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(i + 1)
          .setClusterId(clusterId)
          .setControllerListenerName("CONTROLLER")
          .addDirectory(logDir.toString())
          .setMetadataLogDirectory(logDir.toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format " + logDir + ": " + e, e);
    }
  }

  private Path writeConfig(int i) {
    List<String> voters = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      voters.add((n + 1) + "@" + HOST + ":" + controllerPorts[n]);
    }
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(i + 1));
    props.put("controller.quorum.voters", String.join(",", voters));
    String client = saslUsers == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
    props.put("listeners", client + "://" + HOST + ":" + clientPorts[i] + ",CONTROLLER://" + HOST + ":" + controllerPorts[i]);
    props.put("advertised.listeners", client + "://" + HOST + ":" + clientPorts[i]);
    props.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", client);
    if (saslUsers != null) {
      props.put("sasl.enabled.mechanisms", "PLAIN");
      props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
              + "\" password=\"" + BROKER_PASSWORD + "\" " + saslUsers + ";");
    }
    props.put("log.dirs", dir.resolve("node-" + (i + 1)).toString());
    props.put("num.partitions", "2");
    props.put("auto.create.topics.enable", "false");
    props.put("default.replication.factor", String.valueOf(count));
    props.put("min.insync.replicas", String.valueOf(Math.min(2, count)));
    props.put("unclean.leader.election.enable", "false");
    props.put("offsets.topic.replication.factor", String.valueOf(count));
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", String.valueOf(count));
    props.put("transaction.state.log.min.isr", String.valueOf(Math.min(2, count)));
    props.put("transaction.state.log.num.partitions", "3");
    props.put("share.coordinator.state.topic.replication.factor", String.valueOf(count));
    props.put("share.coordinator.state.topic.min.isr", String.valueOf(Math.min(2, count)));
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    Path file = dir.resolve("node-" + (i + 1) + ".properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, "reliability suite, node " + (i + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * {@code n} distinct ports free on {@link #HOST}, all held open until every one is chosen so that
   * no two coincide. They are taken below the kernel's ephemeral range where it can be read: a port
   * from that range can be taken by any outgoing connection of this machine in the moment between
   * choosing it and the node binding it, or while a stopped node is down.
   */
  private static int[] freePorts(int n) {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      int ephemeralLow = ephemeralRangeLow();
      Random random = new Random();
      for (int i = 0; i < n; i++) {
        ServerSocket socket = null;
        for (int attempt = 0; attempt < 50 && socket == null && ephemeralLow > 20_000; attempt++) {
          socket = bindOrNull(10_000 + random.nextInt(ephemeralLow - 10_000));
        }
        if (socket == null) {
          socket = bindOrNull(0);
        }
        if (socket == null) {
          throw new IllegalStateException("no free port on " + HOST);
        }
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing a listening socket that accepted nothing; nothing to recover
        }
      }
    }
  }

  private static ServerSocket bindOrNull(int port) {
    try {
      return new ServerSocket(port, 1, InetAddress.getByName(HOST));
    } catch (IOException e) {
      return null;
    }
  }

  /** The low end of Linux's ephemeral port range, or 0 where it cannot be read. */
  private static int ephemeralRangeLow() {
    try {
      // read as lines: Files.readString trusts the size /proc reports and can return a truncated value
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (ChildJvm node : nodes) {
      if (node != null && node.isAlive()) {
        node.kill();
      }
    }
  }
}
