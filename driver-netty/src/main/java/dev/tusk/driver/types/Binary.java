package dev.tusk.driver.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian reads from byte arrays, as the binary formats store numbers. */
public final class Binary {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Binary() {}

  public static short readShort(byte[] bytes, int offset) {
    return (short) SHORT.get(bytes, offset);
  }

  public static int readInt(byte[] bytes, int offset) {
    return (int) INT.get(bytes, offset);
  }

  public static long readLong(byte[] bytes, int offset) {
    return (long) LONG.get(bytes, offset);
  }
}
