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
import java.util.Map;

/**
 * Renders stories for people (aligned text) and for programs (JSON with a stable shape: field
 * names and order fixed, times as ISO-8601 UTC strings).
 */
final class StoryPrinter {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StoryPrinter() {}

  static void printSummaries(PrintWriter out, List<StorySummary> stories) {
    for (StorySummary s : stories) {
      out.printf("%s  %s..%s  %2d articles  %s%n    %s%n", s.storyId(), DAY.format(s.firstPublished()),
          DAY.format(s.lastPublished()), s.articleCount(), String.join(", ", s.sources()), s.headline());
    }
  }

  static void printDetail(PrintWriter out, StoryDetail story) {
    out.printf("%s%n  story %s, version %d: %d articles (%d not duplicates) from %d sources, %s..%s%n",
        story.headline(), story.storyId(), story.version(), story.members().size(), story.coverage(),
        story.sources().size(), DAY.format(story.firstPublished()), DAY.format(story.lastPublished()));
    for (StoryDetail.Member m : story.members()) {
      out.printf("  %s  %-24s %s%s%n", DAY.format(m.published()), m.source(), m.title(),
          m.duplicateOf() == null ? "" : "  (copy of " + m.duplicateOf() + ")");
    }
    if (!story.entities().isEmpty()) {
      out.printf("  entities: %s%n", String.join(", ", story.entities().stream()
          .map(e -> e.name() + " (" + e.type().name().toLowerCase(java.util.Locale.ROOT) + ")").toList()));
    }
    for (StoryDetail.FigureGroup g : story.figureGroups()) {
      out.printf("  %s%s: %s%n", g.label(), g.conflicting() ? " (outlets disagree)" : "", String.join("; ",
          g.values().stream().map(v -> v.source() + " \"" + v.text() + "\"").toList()));
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
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
    return m;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
