package org.karakuri.audit;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.karakuri.context.Masker;

/**
 * {@code %kmsg} in a Logback pattern: the message with every secret any run registered and
 * every My Number masked, so ordinary logs never hold them in clear.
 */
public final class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Masker.global().mask(super.convert(event));
    }
}
