package org.karakuri.robots.files.smb;

/** One entry of a folder on a share, as its listing shows it. */
public record SmbFile(String name, boolean isDirectory, long size, long lastModified) {
}
