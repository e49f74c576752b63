package dev.storyline.enrich;

/**
 * Whether everything the app has been sent so far has been processed: asked by the clustering
 * stage before its idle flush releases a backlog of history, because a pause in its own input
 * does not say that (the stream thread may be fetching, committing or rejoining the group while
 * articles still wait upstream). Releasing held articles then would assign them in an order that
 * depends on that timing, and articles still upstream would arrive behind them.
 */
@FunctionalInterface
public interface InputDrain {

  /**
   * Nothing known beyond the clustering stage's own input: a pause in it is taken as the end of
   * the input, as for a clustering stage tested on its own.
   */
  InputDrain ASSUMED = () -> true;

  /**
   * True when every record of the app's input topics has been processed and committed; false
   * while some are still on their way (or when that cannot be told right now).
   */
  boolean drained();
}
