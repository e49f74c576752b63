-- Storyline sink schema, version 1. One text for SQLite and PostgreSQL 15: only types, constraints
-- and statements both accept (TEXT, INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN; no SERIAL, no
-- AUTOINCREMENT, no dialect functions).
--
-- Timestamps are epoch milliseconds (UTC) in BIGINT columns: that is exactly what the Avro
-- timestamp-millis fields carry, it round-trips without loss, compares and sorts numerically
-- on both databases, and avoids SQLite's lack of a timestamp type and text-format ambiguities.
--
-- A story's child rows are replaced as a whole with each newer version of the story; the
-- ordinal columns keep the order the clusterer published (members earliest first, entities
-- most covered first, ...).

CREATE TABLE stories (
    story_id          TEXT    NOT NULL PRIMARY KEY,
    version           BIGINT  NOT NULL,
    headline          TEXT    NOT NULL,
    first_published   BIGINT  NOT NULL,
    last_published    BIGINT  NOT NULL,
    coverage          INTEGER NOT NULL,
    article_count     INTEGER NOT NULL,
    source_count      INTEGER NOT NULL,
    closed            BOOLEAN NOT NULL,
    clusterer_version TEXT    NOT NULL,
    updated_at        BIGINT  NOT NULL
);

CREATE INDEX stories_last_published ON stories (last_published);

CREATE TABLE story_sources (
    story_id TEXT    NOT NULL REFERENCES stories (story_id),
    ordinal  INTEGER NOT NULL,
    source   TEXT    NOT NULL,
    PRIMARY KEY (story_id, ordinal)
);

CREATE INDEX story_sources_source ON story_sources (LOWER(source));

CREATE TABLE story_articles (
    story_id     TEXT    NOT NULL REFERENCES stories (story_id),
    article_id   TEXT    NOT NULL,
    ordinal      INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    url          TEXT,
    published    BIGINT  NOT NULL,
    duplicate_of TEXT,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE story_entities (
    story_id      TEXT    NOT NULL REFERENCES stories (story_id),
    ordinal       INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    entity_type   TEXT    NOT NULL,
    article_count INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (story_id, ordinal)
);

CREATE INDEX story_entities_name ON story_entities (LOWER(name));

CREATE TABLE story_figure_groups (
    story_id    TEXT    NOT NULL REFERENCES stories (story_id),
    group_index INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    unit        TEXT,
    label       TEXT    NOT NULL,
    conflicting BOOLEAN NOT NULL,
    PRIMARY KEY (story_id, group_index)
);

CREATE TABLE story_figure_values (
    story_id     TEXT    NOT NULL,
    group_index  INTEGER NOT NULL,
    report_index INTEGER NOT NULL,
    article_id   TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    qualifier    TEXT    NOT NULL,
    low_value    DOUBLE PRECISION,
    upper_value  DOUBLE PRECISION,
    figure_date  TEXT,
    figure_text  TEXT    NOT NULL,
    sentence     TEXT    NOT NULL,
    PRIMARY KEY (story_id, group_index, report_index),
    FOREIGN KEY (story_id, group_index) REFERENCES story_figure_groups (story_id, group_index)
);

-- The next offset to read per partition of the stories topic, written in the same transaction
-- as the story rows: the database, not the Kafka consumer group, is the source of truth.
CREATE TABLE consumed_offsets (
    topic       TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    next_offset BIGINT  NOT NULL,
    PRIMARY KEY (topic, partition)
);
