package dev.tusk.testkit.fault;

/** How the proxy ends the connections it cuts, seen from both the client and the server. */
public enum CutStyle {
  /**
   * Abortive close ({@code SO_LINGER} 0): both peers get a TCP RST and their next read or write
   * fails with "connection reset". As with a real reset, bytes the proxy wrote just before may be
   * lost in flight when the peer was not keeping up.
   */
  RESET,
  /**
   * Orderly close: both peers get a FIN after every byte forwarded so far, so a reader sees exactly
   * those bytes and then end of stream. Whatever either peer sends afterwards is read and discarded
   * until it closes too (or two seconds pass), so that unread bytes never turn the close into a RST.
   */
  FIN
}
