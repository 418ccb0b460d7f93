package dev.tusk.sql.ast;

import java.util.List;

/**
 * The names PostgreSQL gives output columns (its {@code FigureColname} rule, for the nodes Tusk
 * has): a label's name, a column's name, a function's name, {@code ?column?} when there is none.
 * Subqueries, CTEs and result metadata use them.
 */
public final class OutputNames {
  /** What PostgreSQL calls an output column it cannot name. */
  public static final String UNNAMED = "?column?";

  private OutputNames() {}

  /** {@return the name of the output column {@code expression} produces} */
  public static String nameOf(Expr<?> expression) {
    return switch (expression) {
      case Label<?> label -> label.name();
      case ColumnRef<?> column -> column.name();
      case FunctionCall<?> call -> lastPart(call.name());
      case Aggregate<?> aggregate -> lastPart(aggregate.name());
      case WindowCall<?> window -> nameOf(window.function());
      case Cast<?> cast -> nameOf(cast.operand());
      case Subscript<?> subscript -> nameOf(subscript.array());
      case Case<?> ignored -> "case";
      case Exists ignored -> "exists";
      case ArrayConstructor<?> ignored -> "array";
      case RowValue ignored -> "row";
      case ScalarSubquery<?> subquery -> of(subquery.query()).getFirst();
      case Constant<?> constant -> switch (constant.keyword()) {
        case NULL, TRUE, FALSE, DEFAULT -> UNNAMED;
        case CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP ->
            constant.keyword().name().toLowerCase(java.util.Locale.ROOT);
      };
      case Star ignored -> "*";
      case Param<?> ignored -> UNNAMED;
      case Slot<?> ignored -> UNNAMED;
      case Raw<?> ignored -> UNNAMED;
      case Binary<?> ignored -> UNNAMED;
      case Unary<?> ignored -> UNNAMED;
      case Junction ignored -> UNNAMED;
      case Quantified ignored -> UNNAMED;
      case QuantifiedSubquery ignored -> UNNAMED;
      case Between ignored -> UNNAMED;
    };
  }

  /** {@return the output columns of a statement: its select list, or its RETURNING list} */
  public static List<Expr<?>> outputs(Statement statement) {
    return switch (statement) {
      case Select select -> select.columns();
      case SetOperation setOperation -> outputs(setOperation.left());
      case Insert insert -> insert.returning();
      case Update update -> update.returning();
      case Delete delete -> delete.returning();
      case TextStatement text -> text.columns();
    };
  }

  /** {@return the names of the output columns of a statement} */
  public static List<String> of(Statement statement) {
    return outputs(statement).stream().map(OutputNames::nameOf).toList();
  }

  static <T> ColumnRef<T> columnOf(String relation, Statement statement, Expression<T> column) {
    String name = nameOf(column.expr());
    if (!hasOutput(statement, name)) {
      throw new IllegalArgumentException(relation + " has no output column " + name + "; its columns are "
          + of(statement));
    }
    return new ColumnRef<>(TableName.of(relation), name, column.type());
  }

  /** {@return whether a statement has an output column of this name}, without building the list of names */
  private static boolean hasOutput(Statement statement, String name) {
    var outputs = outputs(statement);
    for (int i = 0; i < outputs.size(); i++) {
      if (nameOf(outputs.get(i)).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String lastPart(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
