package org.karakuri.recording;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karakuri.i18n.Messages;
import org.karakuri.recording.ScenarioText.Entry;
import org.karakuri.recording.ScenarioText.StepOut;
import org.karakuri.recording.SideRecording.Command;
import org.karakuri.secret.Secrets;

/**
 * Turns each test of a Selenium IDE recording into a scenario: {@code open} under a var
 * {@code base}, consecutive {@code type}s as one {@code fill}, frames as {@code within-frame},
 * windows as {@code switch-window}, dialogs as {@code alert}, assertions as {@code expect-…}
 * ({@code verify…} go on after a failure, as in Selenium IDE). Every target is kept as
 * recorded, with a comment where the text a person reads would be clearer; a recorded password
 * becomes a {@code ${secret:…}}; a command with no counterpart stays in the file as a comment
 * and in {@link Imported#unknown()}.
 */
public final class SideTranslator {
    private static final Pattern LOCATOR = Pattern.compile("^([A-Za-z]+)=(.*)$", Pattern.DOTALL);
    private static final Pattern CONTAINS_TEXT = Pattern.compile(
        "^\\(?//(a|button|input|label|span|li|td|th|option)\\[contains\\((?:text\\(\\)|\\.),\\s*'([^']+)'\\)\\]\\)?(\\[1\\])?$");
    private static final Pattern ATTRIBUTE = Pattern.compile(
        "^\\(?//(\\w+)\\[@(value|placeholder|title|aria-label)='([^']+)'\\]\\)?(\\[1\\])?$");
    private static final Pattern PASSWORD = Pattern.compile("(?i)pass|pwd|パスワード|暗証");
    private static final Pattern KEYS = Pattern.compile("\\$\\{KEY_[A-Z0-9_]+}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private final Messages messages;

    public SideTranslator(Messages messages) {
        this.messages = messages;
    }

    /** A command that has no counterpart in the language: its place (1-based) in its test and what it was. */
    public record Unknown(int number, String command, String target) {}

    /** One scenario made from one test: its id, file text, the secrets it reads and the commands left out. */
    public record Imported(String id, String testName, String yaml, List<String> secrets, List<Unknown> unknown) {
        public Imported {
            secrets = List.copyOf(secrets);
            unknown = List.copyOf(unknown);
        }
    }

    /** Every test of {@code recording}, in order; {@code source} names the file in comments. */
    public List<Imported> translate(SideRecording recording, String source) {
        List<String> ids = ids(recording.tests().stream().map(SideRecording.Test::name).toList());
        Map<String, String> idByName = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            idByName.putIfAbsent(recording.tests().get(i).name(), ids.get(i));
        }
        String base = base(recording);
        List<Imported> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            SideRecording.Test test = recording.tests().get(i);
            out.add(new TestWriter(ids.get(i), test, base, recording.url(), idByName, source).write());
        }
        return out;
    }

    /**
     * Scenario ids for test names: kebab-case of the ASCII letters and digits; {@code recording-1},
     * {@code recording-2}… for names with no ASCII letter; {@code -2}, {@code -3} when taken.
     */
    static List<String> ids(List<String> names) {
        List<String> ids = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int unnamed = 0;
        for (String name : names) {
            String id;
            if (!name.matches("(?s).*[A-Za-z].*")) {
                id = "recording-" + (++unnamed);
            } else {
                id = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            }
            String unique = id;
            for (int n = 2; !taken.add(unique); n++) {
                unique = id + "-" + n;
            }
            ids.add(unique);
        }
        return ids;
    }

    /** The recording's URL without a final '/', else the site of its first absolute {@code open}. */
    static String base(SideRecording recording) {
        String url = recording.url();
        if (url.isEmpty()) {
            for (SideRecording.Test t : recording.tests()) {
                for (Command c : t.commands()) {
                    if (c.command().equals("open") && c.target().matches("(?i)https?://.*")) {
                        URI u = URI.create(c.target().strip().replace(" ", "%20"));
                        return u.getScheme() + "://" + u.getRawAuthority();
                    }
                }
            }
        }
        return url.replaceAll("/+$", "");
    }

    /** The translation of one test. */
    private final class TestWriter {
        private final String id;
        private final SideRecording.Test test;
        private final String base;
        private final String url;
        private final Map<String, String> idByName;
        private final String source;
        private final List<Object> root = new ArrayList<>();
        private final Deque<List<Object>> frames = new ArrayDeque<>();
        private final Set<String> newWindows = new HashSet<>();
        private final Set<String> mainWindows = new HashSet<>();
        private final List<String> secrets = new ArrayList<>();
        private final List<Unknown> unknown = new ArrayList<>();
        private final Set<String> hinted = new HashSet<>();
        private final Set<String> variables = new java.util.LinkedHashSet<>();
        private boolean inMain = true;
        private String pendingExpect;
        private Entry pendingAnswer;
        private boolean answerArmed;

        TestWriter(String id, SideRecording.Test test, String base, String url, Map<String, String> idByName, String source) {
            this.id = id;
            this.test = test;
            this.base = base;
            this.url = url;
            this.idByName = idByName;
            this.source = source;
            frames.push(root);
        }

        Imported write() {
            int number = 0;
            for (Command c : test.commands()) {
                number++;
                if (c.command().isEmpty() || c.command().startsWith("//")) {
                    continue; // a blank line or a line commented out in Selenium IDE
                }
                dialogsBefore(c);
                int size = current().size();
                if (!translate(c)) {
                    String shown = c.command() + (c.target().isEmpty() ? "" : " " + c.target())
                        + (c.value().isEmpty() ? "" : " " + (secretLike(c) ? "********" : c.value()));
                    boolean enter = c.command().matches("sendKeys|type") && c.value().contains("${KEY_ENTER}");
                    current().add(messages.format(enter ? "import.unknown.enter" : "import.unknown", number, shown));
                    unknown.add(new Unknown(number, c.command(), c.target()));
                }
                if (!c.comment().isBlank() && current().size() > size && current().get(size) instanceof StepOut s) {
                    s.comments.add(0, c.comment());
                }
            }
            flushDialogs();
            while (frames.size() > 1) {
                closeFrame();
            }
            StringBuilder b = new StringBuilder();
            ScenarioText.comment(b, messages.format("import.header", source, test.name()), 0);
            b.append("scenario: ").append(id).append('\n');
            if (!test.name().isBlank()) {
                b.append("title: ").append(ScenarioText.scalar(test.name().strip())).append('\n');
            }
            b.append("vars:\n  base: ").append(ScenarioText.scalar(base)).append('\n');
            if (root.stream().noneMatch(n -> n instanceof StepOut)) {
                root.add(new StepOut("log", messages.format("import.nothing", test.name())));
            }
            b.append("steps:\n");
            ScenarioText.steps(b, root, 2);
            return new Imported(id, test.name(), b.toString(), secrets, unknown);
        }

        private List<Object> current() {
            return frames.peek();
        }

        /** Translates one command into the current step list; false when it has no counterpart. */
        private boolean translate(Command c) {
            String cmd = c.command();
            boolean verify = cmd.startsWith("verify");
            String check = verify ? "assert" + cmd.substring("verify".length()) : cmd;
            return switch (check) {
                case "open" -> add(new StepOut("open", open(c.target())));
                case "click", "clickAt" -> {
                    if (c.newWindow() != null && !c.newWindow().isEmpty()) {
                        newWindows.add(c.newWindow());
                    }
                    yield targeted(c, "click");
                }
                case "check", "uncheck" -> targeted(c, cmd);
                case "type" -> fieldValue(c, "fill", c.value());
                case "select" -> {
                    Matcher m = LOCATOR.matcher(c.value());
                    String option = m.matches() && !m.group(1).equals("label") && !m.group(1).equals("value") ? null
                        : m.matches() ? m.group(2) : c.value();
                    yield option != null && fieldValue(c, "select", option);
                }
                case "assertText", "waitForText" -> {
                    String target = target(c.target());
                    if (target == null || c.value().isEmpty()) {
                        yield false;
                    }
                    StepOut s = new StepOut("expect-text", null);
                    s.entries.add(new Entry("in", target));
                    s.entries.add(new Entry("text", c.value()));
                    hint(c, target, "expect-text", null, s.hints);
                    yield add(s, verify);
                }
                case "assertElementPresent", "waitForElementPresent", "waitForElementVisible" -> {
                    String target = target(c.target());
                    if (target == null) {
                        yield false;
                    }
                    StepOut s = new StepOut("wait", null);
                    s.entries.add(new Entry("for", target));
                    String timeout = cmd.startsWith("waitFor") ? duration(c.value()) : null;
                    if (timeout != null) {
                        s.modifiers.add(Entry.raw("timeout", timeout));
                    }
                    yield add(s, verify);
                }
                case "assertValue", "assertSelectedLabel" -> expectValue(c, c.value(), verify);
                case "assertChecked" -> expectValue(c, "true", verify);
                case "assertNotChecked" -> expectValue(c, "false", verify);
                case "assert" -> assertVariable(c, verify);
                case "pause" -> {
                    String d = duration(c.target().isEmpty() ? c.value() : c.target());
                    yield d != null && add(new StepOut("wait", d));
                }
                case "echo" -> !c.target().isEmpty() && add(new StepOut("log", c.target()));
                case "store" -> {
                    if (!variable(c.value())) {
                        yield false;
                    }
                    variables.add(c.value());
                    yield merge("set", secretOr(c.value(), c.target(), PASSWORD.matcher(c.value()).find()));
                }
                case "storeText", "storeValue" -> {
                    String target = target(c.target());
                    if (target == null || !variable(c.value())) {
                        yield false;
                    }
                    variables.add(c.value());
                    yield merge("read", new Entry(c.value(), target));
                }
                case "run" -> {
                    if (!idByName.containsKey(c.target())) {
                        yield false;
                    }
                    StepOut call = new StepOut("call", idByName.get(c.target()) + ".yaml");
                    variables.forEach(v -> call.with.add(new Entry(v, "${" + v + "}")));
                    yield add(call);
                }
                case "selectFrame" -> selectFrame(c.target());
                case "selectWindow" -> selectWindow(c.target());
                case "storeWindowHandle" -> inMain && variable(c.target()) && mainWindows.add(c.target());
                default -> dialog(c);
            };
        }

        private boolean add(StepOut s) {
            current().add(s);
            return true;
        }

        /** A {@code verify…} goes on after a failure, as Selenium IDE does. */
        private boolean add(StepOut s, boolean verify) {
            if (verify) {
                s.modifiers.add(Entry.raw("continue-on-error", "true"));
            }
            return add(s);
        }

        private StepOut map(String action, Entry e) {
            StepOut s = new StepOut(action, null);
            s.entries.add(e);
            return s;
        }

        private boolean targeted(Command c, String action) {
            String target = target(c.target());
            if (target == null) {
                return false;
            }
            StepOut s = new StepOut(action, target);
            hint(c, target, action, null, s.hints);
            return add(s);
        }

        /**
         * A field and its value, added to the {@code fill} (or {@code select}) just before when
         * there is one; a click on the same field just before it is left out (a recorder's habit).
         */
        private boolean fieldValue(Command c, String action, String value) {
            String target = target(c.target());
            if (target == null || KEYS.matcher(value).find()) {
                return false;
            }
            List<Object> list = current();
            List<String> carried = new ArrayList<>();
            if (!list.isEmpty() && list.get(list.size() - 1) instanceof StepOut last && last.action.equals("click")
                    && target.equals(last.scalar) && last.modifiers.isEmpty()) {
                list.remove(list.size() - 1);
                carried.addAll(last.comments);
                hinted.remove(target);
            }
            Entry e = action.equals("fill") && secretLike(c) ? secretOr(target, value, true) : new Entry(target, value);
            hint(c, target, action, value, e.comments());
            if (!carried.isEmpty()) {
                StepOut step = map(action, e);
                step.comments.addAll(carried);
                return add(step);
            }
            return merge(action, e);
        }

        /** Adds {@code e} to the step just before when it is the same action with no such key, else as a new step. */
        private boolean merge(String action, Entry e) {
            List<Object> list = current();
            if (!list.isEmpty() && list.get(list.size() - 1) instanceof StepOut last && last.action.equals(action)
                    && last.scalar == null && last.block == null && last.modifiers.isEmpty() && !last.has(e.key())) {
                last.entries.add(e);
                return true;
            }
            return add(map(action, e));
        }

        /**
         * A value typed into a password field (or stored in a variable named like one) is not
         * written into the file: it becomes {@code ${secret:<id>.password}}, read from the environment.
         */
        private Entry secretOr(String key, String value, boolean password) {
            if (!password || value.contains("${")) {
                return new Entry(key, value);
            }
            String name = id + ".password" + (secrets.isEmpty() ? "" : "-" + (secrets.size() + 1));
            secrets.add(name);
            Entry e = new Entry(key, "${secret:" + name + "}");
            e.comments().add(messages.format("import.password", name, Secrets.envName(name)));
            return e;
        }

        private boolean expectValue(Command c, String expected, boolean verify) {
            String target = target(c.target());
            if (target == null) {
                return false;
            }
            StepOut s = map("expect-value", new Entry(target, expected));
            hint(c, target, "expect-value", expected, s.entries.get(0).comments());
            return add(s, verify);
        }

        /** {@code assert output a} → {@code if: ${output} != 'a'} then {@code fail}. */
        private boolean assertVariable(Command c, boolean verify) {
            String quote = !c.value().contains("'") ? "'" : !c.value().contains("\"") ? "\"" : null;
            if (quote == null || !variable(c.target()) || c.value().contains("${")) {
                return false;
            }
            StepOut s = new StepOut("if", "${" + c.target() + "} != " + quote + c.value() + quote);
            s.then = List.of(new StepOut("fail", messages.format("import.assert-failed", c.target(), c.value())));
            add(s, verify);
            return true;
        }

        private boolean selectFrame(String target) {
            Matcher m = LOCATOR.matcher(target.strip());
            String frame;
            if (target.strip().equals("relative=top")) {
                while (frames.size() > 1) {
                    closeFrame();
                }
                return true;
            } else if (target.strip().equals("relative=parent")) {
                if (frames.size() > 1) {
                    closeFrame();
                }
                return true;
            } else if (m.matches() && m.group(1).equals("index") && m.group(2).strip().matches("\\d{1,3}")) {
                frame = String.valueOf(Integer.parseInt(m.group(2).strip()) + 1);
            } else if (m.matches() && (m.group(1).equals("id") || m.group(1).equals("name")) && !m.group(2).isBlank()) {
                frame = m.group(2).strip();
            } else {
                return false;
            }
            StepOut s = new StepOut("within-frame", null);
            s.entries.add(new Entry("frame", frame));
            s.block = new ArrayList<>();
            current().add(s);
            frames.push(s.block);
            return true;
        }

        /** Ends the innermost frame; a frame in which nothing was done is left out. */
        private void closeFrame() {
            List<Object> done = frames.pop();
            if (done.stream().noneMatch(n -> n instanceof StepOut)) {
                List<Object> parent = current();
                parent.remove(parent.size() - 1);
                parent.addAll(done);
            }
        }

        private boolean selectWindow(String target) {
            Matcher m = LOCATOR.matcher(target.strip());
            String window;
            if (m.matches() && m.group(1).equals("handle")) {
                String v = m.group(2).strip().replaceAll("^\\$\\{(.*)}$", "$1");
                window = newWindows.contains(v) ? "new" : mainWindows.contains(v) ? "main" : null;
            } else if (m.matches() && (m.group(1).equals("title") || m.group(1).equals("name")) && !m.group(2).isBlank()) {
                window = m.group(2).strip();
            } else {
                window = null;
            }
            if (window == null) {
                return false;
            }
            flushDialogs();
            while (frames.size() > 1) {
                closeFrame();
            }
            inMain = window.equals("main");
            return add(new StepOut("switch-window", window));
        }

        /** Dialog commands: Selenium IDE 3 answers a shown dialog, older recordings arm the answer before the click. */
        private boolean dialog(Command c) {
            String cmd = c.command();
            switch (cmd) {
                case "assertAlert", "assertConfirmation", "assertPrompt", "verifyAlert", "verifyConfirmation", "verifyPrompt" -> {
                    if (pendingAnswer != null) {
                        StepOut s = alert(c.target(), pendingAnswer);
                        pendingAnswer = null;
                        return add(s);
                    }
                    flushExpect();
                    pendingExpect = c.target();
                    return true;
                }
                case "acceptAlert", "acceptConfirmation", "webdriverChooseOkOnVisibleConfirmation" ->
                    answer(Entry.raw("then", "accept"));
                case "dismissConfirmation", "dismissPrompt", "webdriverChooseCancelOnVisibleConfirmation",
                     "webdriverChooseCancelOnVisiblePrompt" -> answer(Entry.raw("then", "dismiss"));
                case "answerPrompt", "webdriverAnswerOnVisiblePrompt" -> answer(new Entry("text", c.target()));
                case "chooseOkOnNextConfirmation" -> arm(Entry.raw("then", "accept"));
                case "chooseCancelOnNextConfirmation", "chooseCancelOnNextPrompt" -> arm(Entry.raw("then", "dismiss"));
                case "answerOnNextPrompt" -> arm(new Entry("text", c.target()));
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void answer(Entry how) {
            StepOut s = alert(pendingExpect, how);
            pendingExpect = null;
            add(s);
        }

        private void arm(Entry how) {
            flushDialogs();
            pendingAnswer = how;
            answerArmed = false;
        }

        /** {@code alert: accept}, or with {@code expect} and the prompt's {@code text}. */
        private StepOut alert(String expect, Entry how) {
            boolean prompt = how.key().equals("text");
            boolean plain = (expect == null || expect.isEmpty()) && !(prompt && !how.value().isEmpty());
            if (plain) {
                return new StepOut("alert", prompt ? "accept" : how.value());
            }
            StepOut s = new StepOut("alert", null);
            if (expect != null && !expect.isEmpty()) {
                s.entries.add(new Entry("expect", expect));
            }
            if (prompt && !how.value().isEmpty()) {
                s.entries.add(how);
            }
            s.entries.add(Entry.raw("then", prompt ? "accept" : how.value()));
            return s;
        }

        /**
         * Before a command that is not about a dialog: a dialog text checked but not answered is
         * accepted (Selenium IDE's default), and an answer armed before a click is given after it.
         */
        private void dialogsBefore(Command c) {
            boolean aboutDialog = c.command().matches("(assert|verify)(Alert|Confirmation|Prompt)|accept.*|dismiss.*|answer.*|webdriver.*|choose.*");
            if (aboutDialog) {
                return;
            }
            flushExpect();
            if (pendingAnswer != null) {
                if (answerArmed) {
                    add(alert(null, pendingAnswer));
                    pendingAnswer = null;
                } else {
                    answerArmed = true;
                }
            }
        }

        private void flushExpect() {
            if (pendingExpect != null) {
                add(alert(pendingExpect, Entry.raw("then", "accept")));
                pendingExpect = null;
            }
        }

        private void flushDialogs() {
            flushExpect();
            if (pendingAnswer != null && answerArmed) {
                add(alert(null, pendingAnswer));
            }
            pendingAnswer = null;
        }

        /** {@code ${base}/path} for a page of the recorded site; another site's address as written. */
        private String open(String target) {
            String t = target.strip();
            if (base.isEmpty()) {
                return t;
            }
            String resolved;
            try {
                String from = url.isEmpty() ? base + "/" : url.matches("(?i)[a-z][a-z0-9+.-]*://[^/]*") ? url + "/" : url;
                resolved = SCHEME.matcher(t).matches() ? t : URI.create(from.replace(" ", "%20")).resolve(t.replace(" ", "%20"))
                    .toString().replace("%20", " ");
            } catch (IllegalArgumentException e) {
                return t;
            }
            if (resolved.equals(base) || resolved.equals(base + "/")) {
                return "${base}/";
            }
            return resolved.startsWith(base + "/") || resolved.startsWith(base + "?") || resolved.startsWith(base + "#")
                ? "${base}" + resolved.substring(base.length()) : resolved;
        }

        private boolean secretLike(Command c) {
            if (!c.command().equals("type") && !c.command().equals("sendKeys")) {
                return false;
            }
            return PASSWORD.matcher(c.target()).find()
                || c.alternatives().stream().anyMatch(a -> a.contains("@type='password'") || a.contains("[type=\"password\"]")
                    || a.contains("[type=password]"));
        }

        /**
         * A comment above a target recorded as css/xpath/id/name: the text a person reads, when
         * Selenium IDE saw one, else what to write instead.
         */
        private void hint(Command c, String target, String action, String value, List<String> comments) {
            if (!target.matches("(?s)(css|xpath|id|name):.*") || !hinted.add(target)) {
                return;
            }
            boolean entry = value != null;
            boolean labelled = entry || action.equals("check") || action.equals("uncheck");
            String human = humanText(c, !labelled);
            if (human != null) {
                String example = entry ? ScenarioText.scalar(human) + ": " + ScenarioText.scalar(value)
                    : action + ": " + ScenarioText.scalar(human);
                comments.add(messages.format("import.hint.text", example));
            } else if (labelled) {
                comments.add(messages.format("import.hint.label", target));
            } else if (!action.equals("expect-text")) {
                comments.add(messages.format("import.hint.click", target));
            }
        }

        private String humanText(Command c, boolean click) {
            List<String> all = new ArrayList<>(c.alternatives());
            all.add(0, c.target());
            for (String alternative : all) {
                Matcher m = LOCATOR.matcher(alternative);
                if (click && m.matches() && m.group(1).matches("linkText|link|partialLinkText") && !m.group(2).isBlank()) {
                    return m.group(2).strip();
                }
                String xpath = m.matches() && m.group(1).equals("xpath") ? m.group(2) : alternative.startsWith("//") ? alternative : null;
                if (xpath == null) {
                    continue;
                }
                Matcher t = CONTAINS_TEXT.matcher(xpath);
                if (click && t.matches() && !t.group(2).isBlank()) {
                    return t.group(2).strip();
                }
                Matcher a = ATTRIBUTE.matcher(xpath);
                if (a.matches() && !a.group(3).isBlank()) {
                    boolean buttonText = a.group(2).equals("value");
                    if (buttonText ? click && a.group(1).equals("input") : true) {
                        return a.group(3).strip();
                    }
                }
            }
            return null;
        }
    }

    /**
     * A locator of Selenium IDE as a target of the language: {@code id=a} → {@code id:a},
     * {@code css=…}, {@code xpath=…} (or {@code //…}), {@code name=…}, {@code linkText=…} →
     * {@code text:…}; a bare word is an id, as in Selenium IDE. {@code null} when the language
     * has no counterpart ({@code dom=}, {@code index=}…).
     */
    static String target(String locator) {
        String l = locator.strip();
        if (l.isEmpty()) {
            return null;
        }
        if (l.startsWith("//") || l.startsWith("(//")) {
            return "xpath:" + l;
        }
        Matcher m = LOCATOR.matcher(l);
        if (!m.matches()) {
            return "id:" + l;
        }
        String value = m.group(2).strip();
        if (value.isEmpty()) {
            return null;
        }
        return switch (m.group(1)) {
            case "id" -> "id:" + value;
            case "name" -> "name:" + value;
            case "css" -> "css:" + value;
            case "xpath" -> "xpath:" + value;
            case "linkText", "link", "partialLinkText" -> "text:" + value;
            default -> null;
        };
    }

    /** Milliseconds as a duration of the language ({@code 10000} → {@code 10s}); null when not a number. */
    static String duration(String millis) {
        String s = millis.strip();
        if (!s.matches("\\d{1,9}")) {
            return null;
        }
        long ms = Long.parseLong(s);
        if (ms == 0) {
            return null;
        }
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static boolean variable(String name) {
        return name.matches("[\\p{L}_][\\p{L}\\p{N}_-]*");
    }
}
