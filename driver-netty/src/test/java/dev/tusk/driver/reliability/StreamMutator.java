package dev.tusk.driver.reliability;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid server byte stream (one entry per frame) into a hostile one: flipped bits, wrong
 * and giant declared lengths, truncated frames, unknown tags, wrong counts, missing terminators,
 * dropped, repeated and reordered messages, garbage, or noise from the first byte.
 */
final class StreamMutator {
  /** The kinds of damage, one per case; {@link #NONE} keeps the stream valid, as a control. */
  enum Mutation {
    NONE, FLIP_BITS, LENGTH_OFF_BY_FEW, LENGTH_EXTREME, TRUNCATE, UNKNOWN_TAG, GIANT_DECLARED_LENGTH, DROP_MESSAGE,
    REPEAT_MESSAGE, SWAP_MESSAGES, INSERT_GARBAGE, RANDOM_STREAM, WRONG_COUNT, CHANGE_TAG, UNTERMINATED_STRINGS,
    DAMAGED_VALUES
  }

  /** Tags the driver knows (server to client); anything else is unknown. */
  static final String KNOWN_TAGS = "RK23CdcGHWDIEvnNAtS1sZT";

  /** A stream after damage, and what was done, for the failure message. */
  record Mutated(byte[] bytes, Mutation mutation, String description) {
    @Override
    public String toString() {
      String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 256));
      return mutation + " (" + description + "), " + bytes.length + " bytes: " + hex + (bytes.length > 256 ? "…" : "");
    }
  }

  private StreamMutator() {}

  static Mutated mutate(List<byte[]> validFrames, Random random) {
    Mutation[] all = Mutation.values();
    return mutate(validFrames, all[random.nextInt(all.length)], random);
  }

  static Mutated mutate(List<byte[]> validFrames, Mutation mutation, Random random) {
    List<byte[]> frames = new ArrayList<>();
    validFrames.forEach(frame -> frames.add(frame.clone()));
    int index = frames.isEmpty() ? 0 : random.nextInt(frames.size());
    String description = switch (mutation) {
      case NONE -> "valid";
      case FLIP_BITS -> {
        byte[] bytes = BackendFrames.concat(frames);
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && bytes.length > 0; i++) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield replaceAll(frames, bytes, flips + " bits");
      }
      case LENGTH_OFF_BY_FEW -> {
        int delta = random.nextBoolean() ? 1 + random.nextInt(3) : -1 - random.nextInt(3);
        byte[] frame = frames.get(index);
        setLength(frame, length(frame) + delta);
        yield "frame " + index + " length " + (delta > 0 ? "+" : "") + delta;
      }
      case LENGTH_EXTREME -> {
        int[] extremes = {0, 1, 3, -1, -4, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x3fff_ffff + 1025, 0x4000_0000 + 2048,
            0x0fff_ffff, 65_536};
        int value = extremes[random.nextInt(extremes.length)];
        setLength(frames.get(index), value);
        yield "frame " + index + " length " + value;
      }
      case TRUNCATE -> {
        byte[] bytes = BackendFrames.concat(frames);
        int keep = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        yield replaceAll(frames, java.util.Arrays.copyOf(bytes, keep), "kept " + keep + " of " + bytes.length);
      }
      case UNKNOWN_TAG -> {
        char tag;
        do {
          tag = (char) random.nextInt(256);
        } while (KNOWN_TAGS.indexOf(tag) >= 0);
        byte[] body = randomBytes(random, random.nextInt(16));
        frames.add(index, framed(tag, body));
        yield "tag 0x" + Integer.toHexString(tag) + " before frame " + index;
      }
      case GIANT_DECLARED_LENGTH -> {
        char tag = KNOWN_TAGS.charAt(random.nextInt(KNOWN_TAGS.length()));
        int declared = 0x3000_0000 + random.nextInt(0x0fff_0000);
        byte[] header = ByteBuffer.allocate(5 + 8).put((byte) tag).putInt(declared).put(randomBytes(random, 8)).array();
        frames.add(index, header);
        yield "'" + tag + "' declaring " + declared + " bytes before frame " + index;
      }
      case DROP_MESSAGE -> {
        frames.remove(index);
        yield "dropped frame " + index;
      }
      case REPEAT_MESSAGE -> {
        frames.add(index, frames.get(index).clone());
        yield "repeated frame " + index;
      }
      case SWAP_MESSAGES -> {
        int other = random.nextInt(frames.size());
        byte[] swapped = frames.get(index);
        frames.set(index, frames.get(other));
        frames.set(other, swapped);
        yield "swapped frames " + index + " and " + other;
      }
      case INSERT_GARBAGE -> {
        byte[] bytes = BackendFrames.concat(frames);
        int at = random.nextInt(bytes.length + 1);
        byte[] garbage = randomBytes(random, 1 + random.nextInt(32));
        var out = ByteBuffer.allocate(bytes.length + garbage.length).put(bytes, 0, at).put(garbage).put(bytes, at, bytes.length - at);
        yield replaceAll(frames, out.array(), garbage.length + " bytes at " + at);
      }
      case RANDOM_STREAM -> {
        byte[] noise = randomBytes(random, random.nextInt(512));
        // half the time, start with a plausible tag so the noise gets past the first check
        if (noise.length > 0 && random.nextBoolean()) {
          noise[0] = (byte) KNOWN_TAGS.charAt(random.nextInt(KNOWN_TAGS.length()));
        }
        yield replaceAll(frames, noise, "noise");
      }
      case WRONG_COUNT -> {
        int target = firstFrameWithCount(frames, index);
        if (target < 0) {
          yield "no frame with a count";
        }
        byte[] frame = frames.get(target);
        int[] counts = {0, 1, 0xffff, 0x8000, ((frame[5] & 0xff) << 8 | (frame[6] & 0xff)) + 1};
        int count = counts[random.nextInt(counts.length)];
        frame[5] = (byte) (count >>> 8);
        frame[6] = (byte) count;
        yield "frame " + target + " ('" + (char) frame[0] + "') count " + count;
      }
      case CHANGE_TAG -> {
        char tag = KNOWN_TAGS.charAt(random.nextInt(KNOWN_TAGS.length()));
        char was = (char) frames.get(index)[0];
        frames.get(index)[0] = (byte) tag;
        yield "frame " + index + " '" + was + "' became '" + tag + "'";
      }
      case UNTERMINATED_STRINGS -> {
        byte[] frame = frames.get(index);
        int replaced = 0;
        for (int i = 5; i < frame.length; i++) {
          if (frame[i] == 0 && random.nextBoolean()) {
            frame[i] = 'x';
            replaced++;
          }
        }
        yield replaced + " NUL bytes of frame " + index + " replaced";
      }
      case DAMAGED_VALUES -> {
        int damaged = 0;
        for (byte[] frame : frames) {
          if (frame[0] == 'D' && frame.length > 7) {
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
              frame[7 + random.nextInt(frame.length - 7)] = (byte) random.nextInt(256);
            }
            damaged++;
          }
        }
        yield damaged + " DataRows with damaged bytes";
      }
    };
    return new Mutated(BackendFrames.concat(frames), mutation, description);
  }

  /** Frames whose body starts with an int16 count: RowDescription, DataRow, ParameterDescription. */
  private static int firstFrameWithCount(List<byte[]> frames, int from) {
    for (int i = 0; i < frames.size(); i++) {
      byte[] frame = frames.get((from + i) % frames.size());
      if ((frame[0] == 'T' || frame[0] == 'D' || frame[0] == 't') && frame.length >= 7) {
        return (from + i) % frames.size();
      }
    }
    return -1;
  }

  private static String replaceAll(List<byte[]> frames, byte[] bytes, String description) {
    frames.clear();
    frames.add(bytes);
    return description;
  }

  private static int length(byte[] frame) {
    return ByteBuffer.wrap(frame, 1, 4).getInt();
  }

  private static void setLength(byte[] frame, int length) {
    ByteBuffer.wrap(frame).putInt(1, length);
  }

  private static byte[] framed(char tag, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array();
  }

  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
