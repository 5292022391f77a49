package org.karakuri.robots.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karakuri.i18n.KarakuriException;
import org.karakuri.i18n.Messages.Text;
import org.karakuri.i18n.Position;
import org.karakuri.spi.StepContext;

/**
 * {@code move} and {@code copy} with one side on a connection's server ({@code NAME:/path}),
 * with the guarantees of local moves: every path and conflict is checked before the first file
 * is touched; a file arrives under a temporary name and is renamed when complete (on the server:
 * {@code .karakuri-<name>.part}, replaced by the next transfer of that file if a run dies
 * mid-way); the source of a move is removed only after its copy is complete. A move that was
 * killed after the copy arrived and before the source was removed is finished by the next run:
 * a file already at the target with the same content is that file, and only the source is
 * removed — so after the next run no file is lost, none is at both places and none is there twice.
 */
final class RemoteTransfer {
    static final String TEMP_PREFIX = ".karakuri-";

    /** One file to transfer; {@code arrived} when an earlier run already put it at the target. */
    private record Planned<S, T>(S from, T to, boolean arrived, String sha256) {}

    private RemoteTransfer() {}

    static void run(Transfer.Kind kind, Transfer.Request r, StepContext ctx, String fromText, String toText) {
        Locations.Remote from = Locations.remote(ctx, fromText);
        Locations.Remote to = Locations.remote(ctx, toText);
        if (from != null && to != null) {
            throw new KarakuriException("files.remote-to-remote", fromText, toText);
        }
        if (from != null) {
            download(kind, r, ctx, from, toText);
        } else {
            upload(kind, r, ctx, fromText, to);
        }
    }

    /** The files on the server {@code from} names: the file itself, or the files its last part matches. */
    private static List<String> remoteSources(Locations.Remote from, IfNone ifNone) {
        RemoteServer server = from.server();
        if (Glob.isPattern(from.folder())) {
            throw new KarakuriException("files.glob-in-folder", from.shown());
        }
        if (!Glob.isPattern(from.name())) {
            if (server.exists(from.path()) && !server.isFolder(from.path())) {
                return List.of(from.path());
            }
            if (server.isFolder(from.path())) {
                throw new KarakuriException("files.source-is-folder", from.shown());
            }
            if (ifNone == IfNone.OK) {
                return List.of();
            }
            throw new KarakuriException("files.no-such-file", from.shown());
        }
        Glob glob = Glob.of(from.name(), "from");
        String folder = from.folder();
        if (!server.isFolder(folder)) {
            if (ifNone == IfNone.OK) {
                return List.of();
            }
            throw new KarakuriException("files.not-a-folder", server.shown(folder), "from");
        }
        List<String> found = new ArrayList<>();
        for (String name : server.files(folder)) {
            if (glob.matches(name) && !name.startsWith(TEMP_PREFIX)) {
                found.add(join(folder, name));
            }
        }
        if (found.isEmpty() && ifNone == IfNone.FAIL) {
            throw new KarakuriException("files.no-match", server.shown(folder), from.name());
        }
        return found;
    }

    private static void download(Transfer.Kind kind, Transfer.Request r, StepContext ctx, Locations.Remote from, String toText) {
        RemoteServer server = from.server();
        List<String> sources = remoteSources(from, r.ifNone());
        if (sources.isEmpty()) {
            return;
        }
        Path to = Places.checked(ctx, toText);
        boolean toFolder = Places.namesFolder(toText) || Files.isDirectory(to);
        if (!toFolder && sources.size() > 1) {
            throw new KarakuriException("files.many-to-one", sources.size(), from.shown(), to.toString());
        }
        List<Planned<String, Path>> plan = new ArrayList<>();
        for (String source : sources) {
            Path target = toFolder ? Places.checked(ctx, to.resolve(leaf(source))) : to;
            if (Files.isDirectory(target)) {
                throw new KarakuriException("files.target-is-folder", target.toString());
            }
            String arrived = null;
            if (Places.exists(target) && r.onConflict() != OnConflict.REPLACE) {
                arrived = kind == Transfer.Kind.MOVE ? sameContent(ctx, target, server, source) : null;
                if (arrived == null && r.onConflict() == OnConflict.FAIL) {
                    throw new KarakuriException("files.target-exists", target.toString(), new Text(kind.verb));
                }
            }
            plan.add(new Planned<>(source, target, arrived != null, arrived));
        }
        for (Planned<String, Path> p : plan) {
            Path folder = p.to().getParent();
            String toName = p.to().getFileName().toString();
            try {
                Files.createDirectories(folder);
                if (p.arrived()) {
                    server.delete(p.from());
                    emit(ctx, kind, server.shown(p.from()), p.to().toString(), p.sha256());
                    continue;
                }
                try (OpenedFolder into = OpenedFolder.open(ctx, folder)) {
                    String temp = into.tempName();
                    try {
                        String[] sha = new String[1];
                        server.read(p.from(), in -> sha[0] = into.receive(temp, in));
                        toName = Transfer.finalName(into, toName, r.onConflict(), kind);
                        into.rename(temp, into, toName);
                        if (kind == Transfer.Kind.MOVE) {
                            server.delete(p.from());
                        }
                        emit(ctx, kind, server.shown(p.from()), into.resolve(toName).toString(), sha[0]);
                    } finally {
                        into.deleteQuietly(temp);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw failed(kind, e, server, server.shown(p.from()), p.to().resolveSibling(toName).toString());
            }
        }
    }

    private static void upload(Transfer.Kind kind, Transfer.Request r, StepContext ctx, String fromText, Locations.Remote to) {
        RemoteServer server = to.server();
        List<Path> sources = Transfer.sources(ctx, fromText, r.ifNone());
        if (sources.isEmpty()) {
            return;
        }
        boolean toFolder = to.path().endsWith("/") || server.isFolder(to.path());
        if (!toFolder && sources.size() > 1) {
            throw new KarakuriException("files.many-to-one", sources.size(), fromText, to.shown());
        }
        if (to.path().endsWith("/") && !server.isFolder(to.path())) {
            // a folder written as one (to: NAME:/results/2026/) is created, as a local one is
            server.createFolder(to.path());
        }
        // one listing of the target folder for the whole plan
        Map<String, Boolean> there = toFolder ? server.listing(to.path()) : null;
        List<Planned<Path, String>> plan = new ArrayList<>();
        for (Path source : sources) {
            String target = toFolder ? to.child(source.getFileName().toString()) : to.path();
            Boolean folder = toFolder ? there.get(leaf(target)) : server.isFolder(target) ? Boolean.TRUE : server.exists(target) ? Boolean.FALSE : null;
            if (Boolean.TRUE.equals(folder)) {
                throw new KarakuriException("files.target-is-folder", server.shown(target));
            }
            String arrived = null;
            if (folder != null && r.onConflict() != OnConflict.REPLACE) {
                arrived = kind == Transfer.Kind.MOVE ? sameContent(ctx, source, server, target) : null;
                if (arrived == null && r.onConflict() == OnConflict.FAIL) {
                    throw new KarakuriException("files.target-exists", server.shown(target), new Text(kind.verb));
                }
            }
            plan.add(new Planned<>(source, target, arrived != null, arrived));
        }
        for (Planned<Path, String> p : plan) {
            String name = p.from().getFileName().toString();
            String target = p.to();
            try (OpenedFolder from = OpenedFolder.open(ctx, p.from().getParent())) {
                if (p.arrived()) {
                    from.delete(name);
                    emit(ctx, kind, p.from().toString(), server.shown(target), p.sha256());
                    continue;
                }
                String folder = parent(target);
                String temp = join(folder, TEMP_PREFIX + leaf(target) + ".part");
                try {
                    MessageDigest sha = AtomicFiles.sha256();
                    try (InputStream in = new DigestInputStream(from.open(name), sha)) {
                        server.write(temp, in);
                    }
                    target = remoteFinalName(server, target, r.onConflict(), kind);
                    server.rename(temp, target);
                    if (kind == Transfer.Kind.MOVE) {
                        from.delete(name);
                    }
                    emit(ctx, kind, p.from().toString(), server.shown(target), HexFormat.of().formatHex(sha.digest()));
                } catch (IOException | RuntimeException e) {
                    server.deleteQuietly(temp);
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                throw failed(kind, e, server, p.from().toString(), server.shown(target));
            }
        }
    }

    /** The name the file takes on the server, checked right before the rename. */
    private static String remoteFinalName(RemoteServer server, String target, OnConflict onConflict, Transfer.Kind kind) {
        if (!server.exists(target)) {
            return target;
        }
        switch (onConflict) {
            case REPLACE -> {
                server.delete(target);
                return target;
            }
            case RENAME -> {
                String folder = parent(target);
                String name = leaf(target);
                int dot = name.lastIndexOf('.');
                String base = dot > 0 ? name.substring(0, dot) : name;
                String ext = dot > 0 ? name.substring(dot) : "";
                String candidate = target;
                for (int n = 1; server.exists(candidate); n++) {
                    candidate = join(folder, base + " (" + n + ")" + ext);
                }
                return candidate;
            }
            default -> throw new KarakuriException("files.target-exists", server.shown(target), new Text(kind.verb));
        }
    }

    /** The SHA-256 both copies share, or null when they differ (or the local one cannot be read). */
    private static String sameContent(StepContext ctx, Path local, RemoteServer server, String remote) {
        String here;
        try (OpenedFolder f = OpenedFolder.open(ctx, local.getParent())) {
            here = f.sha256(local.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return here.equals(server.sha256(remote)) ? here : null;
    }

    private static void emit(StepContext ctx, Transfer.Kind kind, String from, String to, String sha) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", to);
        data.put("sha256", sha);
        ctx.emit(kind.event, data);
    }

    private static KarakuriException failed(Transfer.Kind kind, Exception e, RemoteServer server, String from, String to) {
        if (e instanceof KarakuriException k) {
            return k;
        }
        String reason = e instanceof IOException io ? Places.reason(io) : server.reason(e);
        return new KarakuriException((Position) null, e, kind == Transfer.Kind.MOVE ? "files.cannot-move" : "files.cannot-copy", from, to, reason);
    }

    static String join(String folder, String name) {
        return folder.equals(".") ? name : folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    static String parent(String path) {
        int cut = path.lastIndexOf('/');
        return cut < 0 ? "." : cut == 0 ? "/" : path.substring(0, cut);
    }

    static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
