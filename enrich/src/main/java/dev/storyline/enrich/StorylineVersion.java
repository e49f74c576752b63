package dev.storyline.enrich;

import com.dynatrace.hash4j.hashing.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Version stamps such as {@code 0.1.0-SNAPSHOT+3f09a1c2}: the project version plus a short hash of
 * the settings a stage ran with, so records produced by different code or different settings can
 * be told apart after a replay.
 *
 * <p>The project version comes from {@code dev/storyline/enrich/version.properties}, which Maven
 * filters at build time.
 */
public final class StorylineVersion {

  static final String RESOURCE = "dev/storyline/enrich/version.properties";

  private static final String PROJECT_VERSION = load();

  private StorylineVersion() {}

  /** The Maven project version this module was built as, for example {@code 0.1.0-SNAPSHOT}. */
  public static String projectVersion() {
    return PROJECT_VERSION;
  }

  /** {@code projectVersion() + "+" + settingsHash(settings)}. */
  public static String stamp(String settings) {
    return PROJECT_VERSION + "+" + settingsHash(settings);
  }

  /**
   * Eight hex digits of a 64-bit hash of the settings description. Stable across JVMs and
   * releases (XXH3 with seed 0 over the UTF-8 bytes), so the same settings always give the same
   * stamp.
   */
  public static String settingsHash(String settings) {
    long hash = Hashing.xxh3_64().hashBytesToLong(settings.getBytes(StandardCharsets.UTF_8));
    return String.format("%016x", hash).substring(0, 8);
  }

  private static String load() {
    try (InputStream in = StorylineVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").strip();
      if (version.isEmpty() || version.contains("${")) {
        throw new IllegalStateException(
            RESOURCE + ": version '" + version + "' was not filtered by Maven; build with mvn");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
    }
  }
}
