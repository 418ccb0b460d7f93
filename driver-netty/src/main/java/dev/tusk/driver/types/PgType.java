package dev.tusk.driver.types;

/**
 * PostgreSQL's built-in types that the driver knows by OID (fixed across versions; see
 * {@code pg_type.dat} in the server sources), with the OID of each type's array type.
 */
public enum PgType {
  BOOL(16, 1000),
  BYTEA(17, 1001),
  CHAR(18, 1002),
  NAME(19, 1003),
  INT8(20, 1016),
  INT2(21, 1005),
  INT2VECTOR(22, 1006),
  INT4(23, 1007),
  REGPROC(24, 1008),
  TEXT(25, 1009),
  OID(26, 1028),
  TID(27, 1010),
  XID(28, 1011),
  CID(29, 1012),
  OIDVECTOR(30, 1013),
  JSON(114, 199),
  XML(142, 143),
  POINT(600, 1017),
  LSEG(601, 1018),
  PATH(602, 1019),
  BOX(603, 1020),
  POLYGON(604, 1027),
  LINE(628, 629),
  CIDR(650, 651),
  FLOAT4(700, 1021),
  FLOAT8(701, 1022),
  UNKNOWN(705, 0),
  CIRCLE(718, 719),
  MACADDR8(774, 775),
  MONEY(790, 791),
  MACADDR(829, 1040),
  INET(869, 1041),
  ACLITEM(1033, 1034),
  BPCHAR(1042, 1014),
  VARCHAR(1043, 1015),
  DATE(1082, 1182),
  TIME(1083, 1183),
  TIMESTAMP(1114, 1115),
  TIMESTAMPTZ(1184, 1185),
  INTERVAL(1186, 1187),
  TIMETZ(1266, 1270),
  BIT(1560, 1561),
  VARBIT(1562, 1563),
  NUMERIC(1700, 1231),
  REFCURSOR(1790, 2201),
  REGPROCEDURE(2202, 2207),
  REGOPER(2203, 2208),
  REGOPERATOR(2204, 2209),
  REGCLASS(2205, 2210),
  REGTYPE(2206, 2211),
  RECORD(2249, 2287),
  CSTRING(2275, 1263),
  VOID(2278, 0),
  UUID(2950, 2951),
  TXID_SNAPSHOT(2970, 2949),
  PG_LSN(3220, 3221),
  TSVECTOR(3614, 3643),
  TSQUERY(3615, 3645),
  REGCONFIG(3734, 3735),
  REGDICTIONARY(3769, 3770),
  JSONB(3802, 3807),
  INT4RANGE(3904, 3905),
  NUMRANGE(3906, 3907),
  TSRANGE(3908, 3909),
  TSTZRANGE(3910, 3911),
  DATERANGE(3912, 3913),
  INT8RANGE(3926, 3927),
  JSONPATH(4072, 4073),
  REGNAMESPACE(4089, 4090),
  REGROLE(4096, 4097),
  INT4MULTIRANGE(4451, 6150),
  NUMMULTIRANGE(4532, 6151),
  TSMULTIRANGE(4533, 6152),
  TSTZMULTIRANGE(4534, 6153),
  DATEMULTIRANGE(4535, 6155),
  INT8MULTIRANGE(4536, 6157),
  XID8(5069, 271);

  private static final PgType[] BY_OID;
  private static final PgType[] BY_ARRAY_OID;

  static {
    int max = 0;
    for (PgType type : values()) {
      max = Math.max(max, Math.max(type.oid, type.arrayOid));
    }
    BY_OID = new PgType[max + 1];
    BY_ARRAY_OID = new PgType[max + 1];
    for (PgType type : values()) {
      BY_OID[type.oid] = type;
      if (type.arrayOid != 0) {
        BY_ARRAY_OID[type.arrayOid] = type;
      }
    }
  }

  private final int oid;
  private final int arrayOid;

  PgType(int oid, int arrayOid) {
    this.oid = oid;
    this.arrayOid = arrayOid;
  }

  /** {@return the type's OID} */
  public int oid() {
    return oid;
  }

  /** {@return the OID of the array type whose elements are of this type, or 0} */
  public int arrayOid() {
    return arrayOid;
  }

  /** {@return the built-in type with this OID, or {@code null}} */
  public static PgType ofOid(int oid) {
    return oid >= 0 && oid < BY_OID.length ? BY_OID[oid] : null;
  }

  /** {@return the element type of the built-in array type with this OID, or {@code null}} */
  public static PgType elementOfArray(int arrayOid) {
    return arrayOid > 0 && arrayOid < BY_ARRAY_OID.length ? BY_ARRAY_OID[arrayOid] : null;
  }
}
