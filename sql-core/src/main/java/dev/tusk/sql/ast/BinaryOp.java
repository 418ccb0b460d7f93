package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * An infix operator as data: its token and its place in PostgreSQL's precedence table. Operators
 * are values, so a custom operator keys the cache by its token and never by its identity
 * (SQLAlchemy's {@code custom_op} leaked through its cache because it did, sqlalchemy#9506).
 *
 * @param token the operator as written in SQL
 * @param precedence how tightly it binds
 * @param associativity how chains of it group
 */
public record BinaryOp(String token, Precedence precedence, Associativity associativity) {
  public static final BinaryOp EQ = comparison("=");
  public static final BinaryOp NE = comparison("<>");
  public static final BinaryOp LT = comparison("<");
  public static final BinaryOp LE = comparison("<=");
  public static final BinaryOp GT = comparison(">");
  public static final BinaryOp GE = comparison(">=");
  public static final BinaryOp IS_DISTINCT_FROM = new BinaryOp("IS DISTINCT FROM", Precedence.IS, Associativity.NONE);
  public static final BinaryOp IS_NOT_DISTINCT_FROM =
      new BinaryOp("IS NOT DISTINCT FROM", Precedence.IS, Associativity.NONE);
  public static final BinaryOp LIKE = new BinaryOp("LIKE", Precedence.LIKE, Associativity.NONE);
  public static final BinaryOp NOT_LIKE = new BinaryOp("NOT LIKE", Precedence.LIKE, Associativity.NONE);
  public static final BinaryOp ILIKE = new BinaryOp("ILIKE", Precedence.LIKE, Associativity.NONE);
  public static final BinaryOp NOT_ILIKE = new BinaryOp("NOT ILIKE", Precedence.LIKE, Associativity.NONE);
  public static final BinaryOp REGEX_MATCH = other("~");
  public static final BinaryOp REGEX_MATCH_IGNORE_CASE = other("~*");
  public static final BinaryOp REGEX_NO_MATCH = other("!~");
  public static final BinaryOp REGEX_NO_MATCH_IGNORE_CASE = other("!~*");
  public static final BinaryOp CONCAT = other("||");
  public static final BinaryOp PLUS = new BinaryOp("+", Precedence.ADDITIVE, Associativity.LEFT);
  /** Subtraction, and also jsonb key deletion: the same token, so the same precedence. */
  public static final BinaryOp MINUS = new BinaryOp("-", Precedence.ADDITIVE, Associativity.LEFT);
  public static final BinaryOp TIMES = new BinaryOp("*", Precedence.MULTIPLICATIVE, Associativity.LEFT);
  public static final BinaryOp DIVIDE = new BinaryOp("/", Precedence.MULTIPLICATIVE, Associativity.LEFT);
  public static final BinaryOp MODULO = new BinaryOp("%", Precedence.MULTIPLICATIVE, Associativity.LEFT);
  /** PostgreSQL's {@code ^} groups to the left, unlike mathematics. */
  public static final BinaryOp POWER = new BinaryOp("^", Precedence.EXPONENT, Associativity.LEFT);
  public static final BinaryOp AT_TIME_ZONE = new BinaryOp("AT TIME ZONE", Precedence.AT_TIME_ZONE, Associativity.LEFT);
  public static final BinaryOp JSON_GET = other("->");
  public static final BinaryOp JSON_GET_TEXT = other("->>");
  public static final BinaryOp JSON_GET_PATH = other("#>");
  public static final BinaryOp JSON_GET_PATH_TEXT = other("#>>");
  public static final BinaryOp CONTAINS = other("@>");
  public static final BinaryOp CONTAINED_BY = other("<@");
  public static final BinaryOp HAS_KEY = other("?");
  public static final BinaryOp HAS_ANY_KEY = other("?|");
  public static final BinaryOp HAS_ALL_KEYS = other("?&");
  public static final BinaryOp JSON_DELETE_PATH = other("#-");
  public static final BinaryOp OVERLAPS = other("&&");
  /** Only in {@link Junction}; a {@link Binary} never holds it. */
  public static final BinaryOp AND = new BinaryOp("AND", Precedence.AND, Associativity.LEFT);
  /** Only in {@link Junction}; a {@link Binary} never holds it. */
  public static final BinaryOp OR = new BinaryOp("OR", Precedence.OR, Associativity.LEFT);

  private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|`?";

  public BinaryOp {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(precedence, "precedence");
    Objects.requireNonNull(associativity, "associativity");
  }

  /**
   * {@return a user-defined or otherwise unlisted operator, such as {@code <->} from pg_trgm}; it
   * has PostgreSQL's precedence for "any other operator".
   *
   * @throws IllegalArgumentException unless the token is a valid PostgreSQL operator name, so a
   *     token can never smuggle other SQL in
   */
  public static BinaryOp custom(String token) {
    boolean valid = !token.isEmpty() && token.length() <= 63
        && token.chars().allMatch(c -> OPERATOR_CHARACTERS.indexOf(c) >= 0)
        && !token.contains("--") && !token.contains("/*");
    if (!valid) {
      throw new IllegalArgumentException("not a PostgreSQL operator name: '" + token + "'");
    }
    return other(token);
  }

  private static BinaryOp comparison(String token) {
    return new BinaryOp(token, Precedence.COMPARISON, Associativity.NONE);
  }

  private static BinaryOp other(String token) {
    return new BinaryOp(token, Precedence.OTHER, Associativity.LEFT);
  }
}
