package dev.storyline.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a continuous source has already published (files with their content hash, feed entries,
 * feed validators), kept in a small properties file so a restart does not publish it again.
 *
 * <p>Saved by writing a temporary file and moving it over the old one, so a crash leaves either
 * the old or the new checkpoint, never half of one. Callers save only after Kafka acknowledged
 * what they record: a crash in between publishes again (same key, harmless) rather than lose.
 */
public final class IngestCheckpoint {

  private final Path file;
  private final Map<String, String> entries = new TreeMap<>();

  private IngestCheckpoint(Path file) {
    this.file = file;
  }

  /** Loads the checkpoint at {@code file}, empty when it does not exist yet. */
  public static IngestCheckpoint load(Path file) {
    IngestCheckpoint checkpoint = new IngestCheckpoint(file);
    if (Files.exists(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": cannot read checkpoint: " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(k -> checkpoint.entries.put(k, properties.getProperty(k)));
    }
    return checkpoint;
  }

  /**
   * Where the checkpoint of one source lives: {@code folder/KIND-HASH.properties}, the hash taken
   * of what identifies the source (a folder's absolute path, a feed's URL), so each has its own.
   */
  public static Path fileFor(Path folder, String kind, String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return folder.resolve(kind + "-" + HexFormat.of().formatHex(digest, 0, 8) + ".properties");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  public synchronized Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public synchronized void put(String key, String value) {
    entries.put(key, value);
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Writes the checkpoint to disk atomically. */
  public synchronized void save() {
    Properties properties = new Properties();
    properties.putAll(entries);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        properties.store(writer, "storyline ingest checkpoint: what was already published");
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write checkpoint: " + e.getMessage(), e);
    }
  }
}
