package org.karakuri.audit;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.karakuri.context.Masker;

/** {@code %kex} in a Logback pattern: stack traces with secrets and My Numbers masked. */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(ch.qos.logback.classic.spi.IThrowableProxy tp) {
        return Masker.global().mask(super.throwableProxyToString(tp));
    }

    @Override
    public String convert(ILoggingEvent event) {
        return Masker.global().mask(super.convert(event));
    }
}
