package dev.tusk.docs;

import static dev.tusk.sql.Sql.raw;
import static dev.tusk.sql.Sql.value;
import static dev.tusk.sql.types.PgTypes.BIGINT;
import static dev.tusk.sql.types.PgTypes.JSONB;
import static dev.tusk.sql.types.PgTypes.TEXT;
import static dev.tusk.sql.types.PgTypes.TIMESTAMPTZ;
import static dev.tusk.sql.types.PgTypes.enumType;
import static dev.tusk.sql.types.PgTypes.numeric;

import dev.tusk.sql.Column;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.PgTypes;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The tables of docs/query-layer.md, declared exactly as the guide shows them. */
final class QueryLayerTables {
  private QueryLayerTables() {}

  // --- guide: tables
  enum KernelState { PENDING, RUNNING, DONE }

  static final EnumType<KernelState> KERNEL_STATE =
      enumType(null, "kernel_state", KernelState.class, state -> state.name().toLowerCase());

  static final class Users extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<String> name = column("name", TEXT).notNull();
    final Column<String> fullname = column("fullname", TEXT);

    Users() {
      super("users");
    }
  }

  static final class Addresses extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<Long> userId = column("user_id", BIGINT).notNull()
        .references("users", "id").onDelete(ReferentialAction.CASCADE);
    final Column<String> email = column("email", TEXT).notNull().unique();

    Addresses() {
      super("addresses");
    }
  }

  static final class Kernels extends Table {
    final Column<UUID> id = column("id", PgTypes.UUID).primaryKey();
    final Column<KernelState> state = column("state", KERNEL_STATE).notNull()
        .serverDefault(value(KernelState.PENDING, KERNEL_STATE));
    final Column<String> statusData = column("status_data", JSONB);
    final Column<OffsetDateTime> createdAt = column("created_at", TIMESTAMPTZ).notNull()
        .serverDefault(raw("now()", TIMESTAMPTZ));

    Kernels() {
      super("kernels");
    }

    @Override
    protected List<Index> indexes() {
      return List.of(
          Index.on(statusData).using("gin"),
          Index.on(createdAt).where(state.eq(KernelState.PENDING)).named("kernels_pending_idx"));
    }
  }

  static final class Employees extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Long> managerId = column("manager_id", BIGINT).references("employees", "id");
    final Column<String> name = column("name", TEXT).notNull();
    final Column<BigDecimal> salary = column("salary", numeric(10, 2));

    Employees() {
      super("employees");
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Users USERS = METADATA.add(new Users());
  static final Addresses ADDRESSES = METADATA.add(new Addresses());
  static final Kernels KERNELS = METADATA.add(new Kernels());
  static final Employees EMPLOYEES = METADATA.add(new Employees());
  // --- end
}
