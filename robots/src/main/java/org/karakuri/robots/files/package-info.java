/**
 * The file robot: {@code move}, {@code copy}, {@code write-file}, {@code wait-for-file} and
 * {@code for-each-file}, the steps that shuffle CSV files between shared folders at night.
 *
 * <p>Rules every file action keeps, so that an author can rely on them:
 * <ul>
 *   <li><b>Paths.</b> Relative paths are resolved against the scenario's folder. Every path —
 *   sources, every file a pattern matches, targets, {@code done}/{@code failed} folders — goes
 *   through the engine's roots check before anything is read, moved or written; a symbolic link
 *   pointing out of the roots is refused, dangling or not.</li>
 *   <li><b>Patterns.</b> The platform's glob ({@code *}, {@code ?}, {@code [abc]},
 *   <code>{a,b}</code>) on the file name only, never on folders; hidden files (a name starting with
 *   '.') never match, so Karakuri's temporary files and Camel's {@code .camelLock} markers are
 *   never picked up. Files are always handled in name order.</li>
 *   <li><b>No half files.</b> Whatever Karakuri writes ({@code write-file}, a {@code copy}, a
 *   {@code move} across disks) is written under a hidden temporary name in the target folder,
 *   forced to disk, and renamed in one atomic step. A temporary file left by a killed process of
 *   the same machine is removed the next time Karakuri writes into that folder.</li>
 *   <li><b>No silent overwrite.</b> {@code move} and {@code copy} fail on an existing target
 *   unless {@code on-conflict} says {@code rename} ({@code a (1).csv}) or {@code replace};
 *   {@code for-each-file} never overwrites in {@code done}/{@code failed} (it numbers);
 *   {@code write-file} replaces by default (reports are rewritten), or {@code fail}s, or
 *   {@code append}s.</li>
 *   <li><b>Complete files only.</b> {@code wait-for-file} and {@code for-each-file} take a file
 *   only once it has been unchanged for {@code stable-for} (default 1s), through Camel's file
 *   consumer ({@code readLock=changed}, {@code readLockMinAge}).</li>
 *   <li><b>Evidence.</b> One event per file with its SHA-256: {@code file-moved},
 *   {@code file-copied}, {@code file-written}, {@code file-found}.</li>
 * </ul>
 */
package org.karakuri.robots.files;
