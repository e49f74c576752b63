package dev.storyline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder: each {@link #scan()} publishes the files that are new or whose content changed
 * since they were last published, once each, and records them in a checkpoint (path → content
 * hash) so that a restart does not publish them again.
 *
 * <p>Polling, not {@code WatchService}: it sees files that arrived while Storyline was stopped, works
 * the same on network and container file systems, and a scan is a plain method a test can call.
 * A file is read only when its size and modification time are the same in two consecutive scans,
 * so a file still being written is not published half-way.
 */
public final class FolderWatch {

  private static final Logger log = LoggerFactory.getLogger(FolderWatch.class);

  private final Path folder;
  private final Optional<String> glob;
  private final FileIngest files;
  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final IngestCheckpoint checkpoint;
  /** Size and time of each file at the previous scan, to tell a settled file from one being written. */
  private final Map<Path, Stat> previousScan = new HashMap<>();
  /** Size and time of files whose content matches the checkpoint, so they are not hashed again. */
  private final Map<Path, Stat> upToDate = new HashMap<>();

  public FolderWatch(Path folder, Optional<String> glob, ArticleParser parser, OutcomeSink sink,
      Consumer<IngestOutcome> progress, IngestCheckpoint checkpoint) {
    this.folder = folder;
    this.glob = glob;
    this.files = new FileIngest(parser, sink, progress);
    this.sink = sink;
    this.progress = progress;
    this.checkpoint = checkpoint;
  }

  /**
   * Publishes what is new or changed and settled, waits for Kafka's acknowledgement, then saves
   * the checkpoint. When a send failed, nothing of this scan is recorded and the next scan tries
   * those files again.
   */
  public IngestSummary scan() {
    OutcomeBatch batch = new OutcomeBatch(sink, progress);
    Map<String, String> published = new LinkedHashMap<>();
    Map<Path, Stat> publishedStats = new HashMap<>();
    for (Path file : FileIngest.files(List.of(folder), glob)) {
      Stat stat;
      try {
        stat = Stat.of(file);
      } catch (NoSuchFileException e) {
        continue;  // deleted since the listing
      } catch (IOException e) {
        log.warn("{}: cannot read its attributes, trying again next scan: {}", file, e.getMessage());
        continue;
      }
      if (stat.equals(upToDate.get(file))) {
        continue;
      }
      if (!stat.equals(previousScan.put(file, stat))) {
        continue;  // new or still changing: wait for it to settle
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        log.warn("{}: cannot read, trying again next scan: {}", file, e.getMessage());
        continue;
      }
      String key = folder.relativize(file).toString();
      String hash = sha256(bytes);
      if (checkpoint.get(key).filter(hash::equals).isPresent()) {
        upToDate.put(file, stat);
        continue;
      }
      files.parse(file, bytes, stat.modified()).forEach(batch::add);
      published.put(key, hash);
      publishedStats.put(file, stat);
    }
    IngestSummary summary = batch.finish();
    if (published.isEmpty()) {
      return summary;
    }
    if (summary.failed().isEmpty()) {
      published.forEach(checkpoint::put);
      checkpoint.save();
      upToDate.putAll(publishedStats);
      log.info("{}: {} file(s) new or changed: {}", folder, published.size(), summary.line());
    } else {
      log.warn("{}: {} send(s) failed; the files of this scan will be read again", folder, summary.failed().size());
    }
    return summary;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private record Stat(long size, Instant modified) {
    static Stat of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stat(attributes.size(), attributes.lastModifiedTime().toInstant());
    }
  }
}
