package dev.tusk.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart in SVG of how many times faster (or slower) each Tusk contender is than a
 * reference, on a log-2 axis centred on 1×, so that "twice as fast" and "twice as slow" look the
 * same size. Written by hand: a dozen bars need no plotting library.
 */
final class RatioChart {
  /**
   * One bar.
   *
   * @param heading the section the bar belongs to; a new heading starts a new block of bars
   * @param label the text left of the bar
   * @param speedup reference time ÷ Tusk time (above 1 means Tusk is faster)
   */
  record Bar(String heading, String label, double speedup) {}

  private static final int WIDTH = 1040;
  private static final int LABEL_WIDTH = 470;
  private static final int PLOT_LEFT = LABEL_WIDTH + 50;
  private static final int PLOT_RIGHT = WIDTH - 70;
  private static final int ROW = 22;
  private static final int HEADING = 26;
  private static final int TOP = 58;
  private static final String FASTER = "#2e7d32";
  private static final String SLOWER = "#c62828";

  private RatioChart() {}

  static String svg(String title, List<Bar> bars) {
    var measured = bars.stream().filter(bar -> Double.isFinite(bar.speedup()) && bar.speedup() > 0).toList();
    double extreme = measured.stream().mapToDouble(bar -> Math.abs(log2(bar.speedup()))).max().orElse(1);
    int halfRange = Math.max(1, (int) Math.ceil(extreme + 0.05));

    var body = new StringBuilder();
    int y = TOP;
    String heading = null;
    for (var bar : measured) {
      if (!bar.heading().equals(heading)) {
        heading = bar.heading();
        y += 8;
        body.append(text(10, y + 14, escape(heading), "start", "font-weight:bold"));
        y += HEADING;
      }
      double x1 = x(1, halfRange);
      double x2 = x(bar.speedup(), halfRange);
      String color = bar.speedup() >= 1 ? FASTER : SLOWER;
      body.append(text(LABEL_WIDTH, y + 15, escape(bar.label()), "end", ""));
      body.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.85\"/>%n",
          Math.min(x1, x2), y + 3, Math.max(1, Math.abs(x2 - x1)), ROW - 6, color));
      double labelX = bar.speedup() >= 1 ? x2 + 4 : x2 - 4;
      body.append(text(labelX, y + 15, formatSpeedup(bar.speedup()), bar.speedup() >= 1 ? "start" : "end",
          "fill:" + color));
      y += ROW;
    }
    int height = y + 40;

    var svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n", WIDTH, height, WIDTH, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
    svg.append(text(10, 22, escape(title), "start", "font-size:16px;font-weight:bold"));
    svg.append(text(10, 42, "log scale; a bar right of 1× (green) is faster than its reference, left of it (red) slower", "start",
        "fill:#555"));
    // a labelled grid line every `step` powers of two keeps wide ranges readable
    int step = Math.max(1, (int) Math.ceil(halfRange / 4.0));
    for (int power = -halfRange; power <= halfRange; power++) {
      if (power % step != 0) {
        continue;
      }
      double gx = x(Math.pow(2, power), halfRange);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
          gx, TOP, gx, y + 6, power == 0 ? "#222" : "#ddd", power == 0 ? "1.5" : "1"));
      svg.append(text(gx, y + 22, axisLabel(power), "middle", "fill:#555"));
    }
    svg.append(body);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double x(double speedup, int halfRange) {
    double position = (log2(speedup) + halfRange) / (2.0 * halfRange);
    return PLOT_LEFT + position * (PLOT_RIGHT - PLOT_LEFT);
  }

  private static double log2(double value) {
    return Math.log(value) / Math.log(2);
  }

  private static String axisLabel(int power) {
    if (power >= 0) {
      return (1 << power) + "×";
    }
    return "1/" + (1 << -power) + "×";
  }

  private static String formatSpeedup(double speedup) {
    return String.format(Locale.ROOT, speedup >= 10 ? "%.0f×" : "%.2f×", speedup);
  }

  private static String text(double x, double y, String content, String anchor, String style) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
        style.isEmpty() ? "" : " style=\"" + style + "\"", content);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
