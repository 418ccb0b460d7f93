/**
 * A fault-injecting TCP proxy for tests: {@link dev.tusk.testkit.fault.FaultProxy} sits between a
 * client (the driver) and a server (PostgreSQL) on loopback and imposes the
 * {@link dev.tusk.testkit.fault.Fault}s a test installs.
 *
 * <h2>Threads</h2>
 * Blocking sockets on virtual threads: one accept thread per proxy and, per connection, a reader
 * and a writer for each direction with a bounded queue (1 MiB) between them. The reader places
 * cuts; the writer waits out latency, bandwidth and silence, so a slow direction stalls only itself.
 * Waiting is on conditions signalled by new bytes, fault changes and closes: nothing polls.
 * Closing the proxy resets every connection and joins every thread.
 *
 * <h2>Limitations</h2>
 * <ul>
 *   <li>Faults act between chunks (one socket read, at most 16 KiB): a change reaches an open
 *       connection at its next chunk, and a cut armed on an idle connection fires when bytes flow.
 *   <li>Message cuts need readable PostgreSQL framing: after the server accepts TLS or GSS
 *       encryption, or with direct TLS, the bytes are opaque and message cuts never fire on that
 *       connection. Byte cuts, latency and everything else still work.
 *   <li>A {@link dev.tusk.testkit.fault.CutStyle#RESET} cut discards bytes still in flight, as a
 *       real reset does; use {@link dev.tusk.testkit.fault.CutStyle#FIN} when a test needs exactly
 *       the bytes before the cut to arrive.
 *   <li>It is a proxy, not a network emulator: a peer's RST reaches the other peer as a reset after
 *       the bytes before it, not as the same segment; there is no packet loss or reordering.
 *   <li>Loopback only, one upstream per proxy, plain TCP (the proxy never terminates TLS).
 * </ul>
 */
package dev.tusk.testkit.fault;
