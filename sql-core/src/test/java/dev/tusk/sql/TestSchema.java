package dev.tusk.sql;

import static dev.tusk.sql.types.PgTypes.*;

import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The tables the tests query: one of each kind of column and constraint. */
public final class TestSchema {
  public enum Mood { SAD, OK, HAPPY }

  /** A value object stored as text through a converter. */
  public record Email(String address) {}

  public static final EnumType<Mood> MOOD = enumType(null, "mood", Mood.class, m -> m.name().toLowerCase());
  public static final ConvertedType<Email, String> EMAIL = converted(TEXT, Email.class, Email::address, Email::new);

  public static final class Users extends Table {
    public final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    public final Column<String> name = column("name", TEXT).notNull();
    public final Column<String> fullname = column("fullname", TEXT);
    public final Column<Mood> mood = column("mood", MOOD);
    public final Column<Email> email = column("email", EMAIL).unique();
    public final Column<OffsetDateTime> createdAt = column("created_at", TIMESTAMPTZ)
        .serverDefault(Sql.raw("now()", TIMESTAMPTZ)).notNull();

    public Users() {
      super("users");
    }

    @Override
    protected List<Index> indexes() {
      return List.of(Index.on(name.cast(TEXT)).named("users_lower_name_idx"));
    }
  }

  public static final class Addresses extends Table {
    public final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    public final Column<Long> userId = column("user_id", BIGINT).notNull()
        .references("users", "id").onDelete(ReferentialAction.CASCADE);
    public final Column<String> email = column("email", varchar(200)).notNull();

    public Addresses() {
      super("addresses");
    }
  }

  public static final class Orders extends Table {
    public final Column<Long> userId = column("user_id", BIGINT);
    public final Column<Integer> lineNo = column("line_no", INTEGER);
    public final Column<BigDecimal> total = column("total", numeric(12, 2)).notNull()
        .check(Sql.raw("total >= 0", BOOLEAN));
    public final Column<List<String>> tags = column("tags", array(TEXT));
    public final Column<UUID> ref = column("ref", PgTypesAlias.UUID_TYPE);

    public Orders() {
      super("orders");
    }

    @Override
    protected List<TableConstraint> constraints() {
      return List.of(primaryKey(userId, lineNo), foreignKey(userId).references(USERS.id));
    }
  }

  public static final class Kernels extends Table {
    public final Column<UUID> id = column("id", PgTypesAlias.UUID_TYPE).primaryKey();
    public final Column<String> statusData = column("status_data", JSONB);
    public final Column<String> order = column("order", TEXT);
    public final Column<String> camelCase = column("CamelCase", TEXT);

    public Kernels() {
      super("app", "kernels");
    }
  }

  public static final class Employees extends Table {
    public final Column<Long> id = column("id", BIGINT).primaryKey();
    public final Column<Long> managerId = column("manager_id", BIGINT).references("employees", "id");
    public final Column<String> name = column("name", TEXT);
    public final Column<BigDecimal> salary = column("salary", NUMERIC);
    public final Column<String> dept = column("dept", TEXT);

    public Employees() {
      super("employees");
    }
  }

  /** java.util.UUID and PgTypes.UUID share a simple name; this keeps the field declarations readable. */
  static final class PgTypesAlias {
    static final dev.tusk.sql.types.BuiltinType<UUID> UUID_TYPE = dev.tusk.sql.types.PgTypes.UUID;
  }

  public static final MetaData METADATA = new MetaData();
  public static final Users USERS = METADATA.add(new Users());
  public static final Addresses ADDRESSES = METADATA.add(new Addresses());
  public static final Orders ORDERS = METADATA.add(new Orders());
  public static final Kernels KERNELS = METADATA.add(new Kernels());
  public static final Employees EMPLOYEES = METADATA.add(new Employees());

  private TestSchema() {}
}
