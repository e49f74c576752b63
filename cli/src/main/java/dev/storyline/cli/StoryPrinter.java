package dev.storyline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StorySummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders stories for people (aligned text) and for programs (JSON with a stable shape: field
 * names and order fixed, times as ISO-8601 UTC strings, absent values as null). The JSON shapes
 * are documented in docs/STORIES-JSON.md: change them only by adding fields.
 */
final class StoryPrinter {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper JSON_LINE = new ObjectMapper();

  private StoryPrinter() {}

  static void printSummaries(PrintWriter out, List<StorySummary> stories) {
    for (StorySummary s : stories) {
      out.printf("%s  %s..%s  %2d articles  %s%n    %s%n", s.storyId(), DAY.format(s.firstPublished()),
          DAY.format(s.lastPublished()), s.articleCount(), String.join(", ", s.sources()), s.headline());
    }
  }

  static void printDetail(PrintWriter out, StoryDetail story) {
    out.printf("%s%n  story %s, version %d%s: %d articles (%d not duplicates) from %d sources, %s..%s%n",
        story.headline(), story.storyId(), story.version(), story.closed() ? ", closed" : "",
        story.members().size(), story.coverage(), story.sources().size(),
        MINUTE.format(story.firstPublished()), MINUTE.format(story.lastPublished()));
    out.printf("%n  members%n");
    for (StoryDetail.Member m : story.members()) {
      out.printf("  %s  %-20s %s  [%s]%s%n", MINUTE.format(m.published()), m.source(), m.title(), m.articleId(),
          m.duplicateOf() == null ? "" : "  DUPLICATE of " + m.duplicateOf());
    }
    if (!story.entities().isEmpty()) {
      out.printf("%n  entities%n");
      for (StoryDetail.Entity e : story.entities()) {
        out.printf("  %-32s %-12s %d articles, %d mentions%n", e.name(),
            e.type().name().toLowerCase(Locale.ROOT), e.articleCount(), e.mentionCount());
      }
    }
    if (!story.figureGroups().isEmpty()) {
      out.printf("%n  figures%n");
    }
    for (StoryDetail.FigureGroup g : story.figureGroups()) {
      out.printf("  %s (%s%s)%s%n", g.label(), g.kind().name().toLowerCase(Locale.ROOT),
          g.unit() == null ? "" : ", " + g.unit(), g.conflicting() ? "  CONFLICT: outlets disagree" : "");
      for (StoryDetail.FigureValue v : g.values()) {
        out.printf("    %-20s \"%s\" (%s)  [%s]%n", v.source(), v.text(),
            v.qualifier().name().toLowerCase(Locale.ROOT).replace('_', ' '), v.articleId());
      }
    }
  }

  /** Pretty-printed JSON. */
  static String json(Object value) {
    return write(JSON, value);
  }

  /** JSON on one line, for newline-delimited JSON: Jackson escapes line breaks inside strings. */
  static String jsonLine(Object value) {
    return write(JSON_LINE, value);
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  /** The documented JSON shape of a story list entry. */
  static Map<String, Object> summaryJson(StorySummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("storyId", s.storyId());
    m.put("headline", s.headline());
    m.put("articleCount", s.articleCount());
    m.put("sources", s.sources());
    m.put("firstPublished", iso(s.firstPublished()));
    m.put("lastPublished", iso(s.lastPublished()));
    return m;
  }

  /** The documented JSON shape of a whole story. */
  static Map<String, Object> detailJson(StoryDetail s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("storyId", s.storyId());
    m.put("version", s.version());
    m.put("headline", s.headline());
    m.put("firstPublished", iso(s.firstPublished()));
    m.put("lastPublished", iso(s.lastPublished()));
    m.put("coverage", s.coverage());
    m.put("sources", s.sources());
    m.put("members", s.members().stream().map(a -> {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("articleId", a.articleId());
      member.put("source", a.source());
      member.put("title", a.title());
      member.put("url", a.url());
      member.put("published", iso(a.published()));
      member.put("duplicateOf", a.duplicateOf());
      return member;
    }).toList());
    m.put("entities", s.entities().stream().map(e -> {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("name", e.name());
      entity.put("type", e.type().name());
      entity.put("articleCount", e.articleCount());
      entity.put("mentionCount", e.mentionCount());
      return entity;
    }).toList());
    m.put("figureGroups", s.figureGroups().stream().map(g -> {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("kind", g.kind().name());
      group.put("unit", g.unit());
      group.put("label", g.label());
      group.put("conflicting", g.conflicting());
      group.put("values", g.values().stream().map(v -> {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("articleId", v.articleId());
        value.put("source", v.source());
        value.put("qualifier", v.qualifier().name());
        value.put("value", v.value());
        value.put("upperValue", v.upperValue());
        value.put("date", v.date());
        value.put("text", v.text());
        value.put("sentence", v.sentence());
        return value;
      }).toList());
      return group;
    }).toList());
    m.put("closed", s.closed());
    m.put("clustererVersion", s.clustererVersion());
    m.put("updatedAt", iso(s.updatedAt()));
    return m;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
