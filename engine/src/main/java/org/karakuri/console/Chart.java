package org.karakuri.console;

import java.time.YearMonth;
import java.util.Map;

/** A bar chart drawn as inline SVG: no script, no library; the table below it holds the same numbers for screen readers. */
final class Chart {
    private Chart() {}

    static String bars(Map<YearMonth, Long> minutesByMonth, String title, String unit) {
        int w = 640;
        int h = 240;
        int left = 56;
        int bottom = 32;
        long max = Math.max(60, minutesByMonth.values().stream().mapToLong(Long::longValue).max().orElse(60));
        int n = minutesByMonth.size();
        double slot = (w - left - 8) / (double) Math.max(1, n);
        StringBuilder s = new StringBuilder("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h
            + "\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">" + Page.esc(title) + "</title>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(h - bottom).append("\" x2=\"").append(w - 8).append("\" y2=\"").append(h - bottom)
            .append("\" stroke=\"#333\"/>");
        s.append("<text x=\"4\" y=\"16\" font-size=\"12\" fill=\"#222\">").append(Page.esc(unit)).append(" (h)</text>");
        s.append("<text x=\"4\" y=\"34\" font-size=\"12\" fill=\"#222\">").append(String.format("%.0f", max / 60.0)).append("</text>");
        int i = 0;
        for (Map.Entry<YearMonth, Long> e : minutesByMonth.entrySet()) {
            double bh = (h - bottom - 40) * (e.getValue() / (double) max);
            double x = left + i * slot + slot * 0.15;
            s.append("<rect x=\"").append(String.format("%.1f", x)).append("\" y=\"").append(String.format("%.1f", h - bottom - bh))
                .append("\" width=\"").append(String.format("%.1f", slot * 0.7)).append("\" height=\"").append(String.format("%.1f", bh))
                .append("\" fill=\"#1d5fa8\"><title>").append(e.getKey()).append(": ").append(String.format("%.1f h", e.getValue() / 60.0))
                .append("</title></rect>");
            s.append("<text x=\"").append(String.format("%.1f", x + slot * 0.35)).append("\" y=\"").append(h - 12)
                .append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">").append(e.getKey()).append("</text>");
            i++;
        }
        return s.append("</svg></figure>").toString();
    }
}
