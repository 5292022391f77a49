package org.karakuri.robots.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.expr.Template;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Position;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.spi.Hashes;
import org.karakuri.spi.StepContext;

/**
 * What {@code move} and {@code copy} share: find the sources (a file or a pattern), plan every
 * target and check every path and every conflict before the first file is touched, then
 * transfer the files one by one, each in one atomic step, with an event per file.
 */
final class Transfer {
    enum Kind {
        MOVE("file-moved", "files.verb.moved"),
        COPY("file-copied", "files.verb.copied");

        final String event;
        final String verb;

        Kind(String event, String verb) {
            this.event = event;
            this.verb = verb;
        }
    }

    record Request(Template from, Template to, OnConflict onConflict, IfNone ifNone) {}

    private record Pair(Path from, Path to) {}

    /** Where a file went, and the SHA-256 of its content. */
    private record Result(Path to, String sha256) {}

    private Transfer() {}

    static void run(Kind kind, Request r, StepContext ctx) {
        String fromText = ctx.text(r.from());
        String toText = ctx.text(r.to());
        if (Locations.connectionOf(fromText) != null || Locations.connectionOf(toText) != null) {
            RemoteTransfer.run(kind, r, ctx, fromText, toText);
            return;
        }
        List<Path> sources = sources(ctx, fromText, r.ifNone());
        if (sources.isEmpty()) {
            return;
        }
        List<Pair> plan = plan(kind, ctx, sources, fromText, toText, r.onConflict());
        for (Pair p : plan) {
            Path folder = p.to().getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new KarakuriException((Position) null, e, "files.cannot-create-folder", folder.toString(), Places.reason(e));
            }
            Result done = kind == Kind.MOVE ? move(ctx, p.from(), p.to(), r.onConflict()) : copy(ctx, p.from(), p.to(), r.onConflict());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", p.from().toString());
            data.put("to", done.to().toString());
            data.put("sha256", done.sha256());
            ctx.emit(kind.event, data);
        }
    }

    /** The files {@code written} names: the file itself, or the files its last part matches. */
    static List<Path> sources(StepContext ctx, String written, IfNone ifNone) {
        Path literal = Places.checked(ctx, written);
        if (Places.exists(literal)) {
            if (Files.isDirectory(literal)) {
                throw new KarakuriException("files.source-is-folder", literal.toString());
            }
            return List.of(literal);
        }
        int cut = Math.max(written.lastIndexOf('/'), written.lastIndexOf(File.separatorChar));
        String name = written.substring(cut + 1);
        String folderPart = cut < 0 ? "." : cut == 0 ? written.substring(0, 1) : written.substring(0, cut);
        if (Glob.isPattern(folderPart)) {
            throw new KarakuriException("files.glob-in-folder", written);
        }
        if (!Glob.isPattern(name)) {
            if (ifNone == IfNone.OK) {
                return List.of();
            }
            throw new KarakuriException("files.no-such-file", literal.toString());
        }
        Glob glob = Glob.of(name, "from");
        Path folder = Places.checked(ctx, folderPart);
        if (!Files.isDirectory(folder)) {
            if (ifNone == IfNone.OK) {
                return List.of();
            }
            throw new KarakuriException("files.not-a-folder", folder.toString(), "from");
        }
        List<Path> found = glob.list(folder);
        for (Path p : found) {
            Places.checked(ctx, p);
        }
        if (found.isEmpty() && ifNone == IfNone.FAIL) {
            throw new KarakuriException("files.no-match", folder.toString(), name);
        }
        return found;
    }

    private static List<Pair> plan(Kind kind, StepContext ctx, List<Path> sources, String fromText, String toText, OnConflict onConflict) {
        Path to = Places.checked(ctx, toText);
        boolean toFolder = Places.namesFolder(toText) || Files.isDirectory(to);
        if (!toFolder && sources.size() > 1) {
            throw new KarakuriException("files.many-to-one", sources.size(), fromText, to.toString());
        }
        List<Pair> plan = new ArrayList<>();
        for (Path source : sources) {
            Path target = toFolder ? Places.checked(ctx, to.resolve(source.getFileName().toString())) : to;
            if (sameFile(source, target)) {
                throw new KarakuriException("files.same-file", source.toString());
            }
            if (Files.isDirectory(target)) {
                throw new KarakuriException("files.target-is-folder", target.toString());
            }
            if (onConflict == OnConflict.FAIL && Places.exists(target)) {
                throw new KarakuriException("files.target-exists", target.toString(), new Text(kind.verb));
            }
            plan.add(new Pair(source, target));
        }
        return plan;
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Places.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The target's name as it will be, checking again right before the rename. */
    static String finalName(OpenedFolder into, String name, OnConflict onConflict, Kind kind) {
        if (onConflict == OnConflict.RENAME) {
            return into.freeName(name);
        }
        if (onConflict == OnConflict.FAIL && into.exists(name)) {
            throw new KarakuriException("files.target-exists", into.resolve(name).toString(), new Text(kind.verb));
        }
        return name;
    }

    /**
     * One atomic rename on one file system; across file systems a copy under a temporary name in
     * the target folder, forced, renamed there, then the source removed. Both folders are opened
     * once and used through their handles ({@link OpenedFolder}): a folder swapped for a link
     * meanwhile cannot send the file elsewhere.
     */
    private static Result move(StepContext ctx, Path source, Path target, OnConflict onConflict) {
        String name = source.getFileName().toString();
        String toName = target.getFileName().toString();
        try (OpenedFolder from = OpenedFolder.open(ctx, source.getParent()); OpenedFolder into = OpenedFolder.open(ctx, target.getParent())) {
            String sha;
            try {
                sha = from.sha256(name);
                toName = finalName(into, target.getFileName().toString(), onConflict, Kind.MOVE);
                from.rename(name, into, toName);
                return new Result(target.resolveSibling(toName), sha);
            } catch (AtomicMoveNotSupportedException otherDisk) {
                String temp = into.tempName();
                try {
                    sha = from.copy(name, into, temp);
                    toName = finalName(into, target.getFileName().toString(), onConflict, Kind.MOVE);
                    into.rename(temp, into, toName);
                    from.delete(name);
                    return new Result(target.resolveSibling(toName), sha);
                } finally {
                    into.deleteQuietly(temp);
                }
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-move", source.toString(), target.resolveSibling(toName).toString(),
                Places.reason(e));
        }
    }

    private static Result copy(StepContext ctx, Path source, Path target, OnConflict onConflict) {
        String toName = target.getFileName().toString();
        try (OpenedFolder from = OpenedFolder.open(ctx, source.getParent()); OpenedFolder into = OpenedFolder.open(ctx, target.getParent())) {
            String temp = into.tempName();
            try {
                String sha = from.copy(source.getFileName().toString(), into, temp);
                toName = finalName(into, toName, onConflict, Kind.COPY);
                into.rename(temp, into, toName);
                return new Result(target.resolveSibling(toName), sha);
            } finally {
                into.deleteQuietly(temp);
            }
        } catch (IOException e) {
            throw new KarakuriException((Position) null, e, "files.cannot-copy", source.toString(), target.resolveSibling(toName).toString(),
                Places.reason(e));
        }
    }
}
