package dev.tusk.driver.types;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The immutable List that arrays and multiranges decode to: nullable elements over a plain array,
 * remembering what the text output needs and a List cannot say: the array's lower bounds when they
 * are not all 1, or that the list is a multirange ({@code {[1,3),[5,7)}}) rather than an array of ranges.
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {
  private final Object[] elements;
  /** Per dimension, for the outermost list only; null when every lower bound is 1. */
  private final int[] lowerBounds;
  private final boolean multirange;

  ValueList(Object[] elements, int[] lowerBounds, boolean multirange) {
    this.elements = elements;
    this.lowerBounds = lowerBounds;
    this.multirange = multirange;
  }

  static ValueList of(Object[] elements) {
    return new ValueList(elements, null, false);
  }

  @Override
  public Object get(int index) {
    return elements[index];
  }

  @Override
  public int size() {
    return elements.length;
  }

  int[] lowerBounds() {
    return lowerBounds;
  }

  boolean isMultirange() {
    return multirange;
  }
}
