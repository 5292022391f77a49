package org.karakuri.model;

import java.text.ParseException;
import org.karakuri.i18n.KarakuriException;
import org.quartz.CronExpression;

/** A Quartz cron expression ({@code 0 0 22 ? * MON-FRI}), checked when the scenario is loaded. */
public record Cron(String expression) {
    public Cron {
        try {
            new CronExpression(expression);
        } catch (ParseException | RuntimeException e) {
            throw new KarakuriException("cron.invalid", expression, String.valueOf(e.getMessage()));
        }
    }

    public static Cron parse(String text) {
        return new Cron(text == null ? "" : text.strip());
    }

    @Override
    public String toString() {
        return expression;
    }
}
