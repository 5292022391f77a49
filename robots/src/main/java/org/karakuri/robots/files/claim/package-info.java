/**
 * What a server's file operations offer for claiming a file in a folder that several engines
 * poll: {@link org.karakuri.robots.files.claim.ExclusiveFolders}, implemented by the SFTP and
 * the share operations, used by the files' loops.
 */
package org.karakuri.robots.files.claim;
