package org.karakuri.compile;

import org.karakuri.i18n.KarakuriException;
import org.karakuri.model.Step;
import org.karakuri.context.Masker;

/** Turns whatever a step threw into a user's error placed at the step, with nothing secret in it. */
final class Failures {
    private Failures() {}

    static KarakuriException place(Throwable e, Step step, Masker masker) {
        if (e instanceof KarakuriException k) {
            Object[] args = k.args();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String s) {
                    args[i] = masker.mask(s);
                }
            }
            KarakuriException masked = new KarakuriException(k.position() != null ? k.position() : step.position(), k.getCause(), k.key(), args);
            masked.setStackTrace(k.getStackTrace());
            return masked;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        KarakuriException wrapped = new KarakuriException(step.position(), null, "step.error", step.action(),
            masker.mask(e.getClass().getSimpleName() + ": " + text));
        wrapped.setStackTrace(e.getStackTrace());
        return wrapped;
    }
}
