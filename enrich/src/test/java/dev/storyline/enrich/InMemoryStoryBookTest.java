package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryStoryBookTest {

  private static final Instant T0 = Instant.parse("2025-03-20T00:00:00Z");

  @Test
  void shouldForgetTheMembersClosedBeforeATimeButNotAMemberClosedAgainLater() {
    // Given members closed in time order, one of them closed again later in another story
    InMemoryStoryBook book = new InMemoryStoryBook();
    book.putClosedMember("a", new ClosedMember("s-1", "h-a", T0));
    book.putClosedMember("b", new ClosedMember("s-1", "h-b", T0.plusSeconds(10)));
    book.putClosedMember("c", new ClosedMember("s-2", "h-c", T0.plusSeconds(20)));
    book.putClosedMember("a", new ClosedMember("s-3", "h-a", T0.plusSeconds(30)));

    // When
    book.forgetClosedBefore(T0.plusSeconds(20));

    // Then
    assertThat(book.closedMember("a")).contains(new ClosedMember("s-3", "h-a", T0.plusSeconds(30)));
    assertThat(book.closedMember("b")).isEmpty();
    assertThat(book.closedMember("c")).contains(new ClosedMember("s-2", "h-c", T0.plusSeconds(20)));
    assertThat(book.closedMemberCount()).isEqualTo(2);
  }

  @Test
  void shouldForgetEveryMemberClosedBeforeATimeWhenTheyWerePutOutOfOrder() {
    // Given
    InMemoryStoryBook book = new InMemoryStoryBook();
    book.putClosedMember("late", new ClosedMember("s-1", "h-1", T0.plusSeconds(60)));
    book.putClosedMember("early", new ClosedMember("s-2", "h-2", T0));
    book.putClosedMember("middle", new ClosedMember("s-3", "h-3", T0.plusSeconds(30)));

    // When
    book.forgetClosedBefore(T0.plusSeconds(31));

    // Then
    assertThat(book.closedMember("late")).isPresent();
    assertThat(book.closedMember("early")).isEmpty();
    assertThat(book.closedMember("middle")).isEmpty();
    assertThat(book.closedMemberCount()).isEqualTo(1);
  }
}
