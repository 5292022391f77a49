package org.karakuri.robots.files.smb;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.remote.FtpConstants;
import org.apache.camel.component.file.remote.RemoteFile;
import org.apache.camel.component.file.remote.RemoteFileConsumer;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;

/**
 * Camel's remote file consumer on a folder of a share: it lists the folder and hands each file
 * to Camel's filter, read lock and process strategy, as its FTP and SFTP consumers do. Only the
 * folder itself is polled (the file actions never recurse).
 */
final class SmbConsumer extends RemoteFileConsumer<SmbFile> {
    SmbConsumer(RemoteFileEndpoint<SmbFile> endpoint, Processor processor, RemoteFileOperations<SmbFile> operations,
                GenericFileProcessStrategy<SmbFile> processStrategy) {
        super(endpoint, processor, operations, processStrategy);
        setPollStrategy(new org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy());
    }

    @Override
    protected boolean pollDirectory(Exchange dynamic, String fileName, List<GenericFile<SmbFile>> fileList, int depth) {
        return doPollDirectory(dynamic, fileName, null, fileList, depth);
    }

    @Override
    protected boolean doPollDirectory(Exchange dynamic, String absolutePath, String dirName, List<GenericFile<SmbFile>> fileList,
                                      int depth) {
        SmbFile[] files = operations.listFiles(absolutePath);
        for (SmbFile f : files) {
            if (!canPollMoreFiles(fileList)) {
                return false;
            }
            if (f.isDirectory()) {
                continue;
            }
            String path = join(absolutePath, f.name());
            Supplier<GenericFile<SmbFile>> remote = () -> asRemoteFile(absolutePath, path, f);
            if (isValidFile(dynamic, remote, f.name(), path, getRelativeFilePath(folder(), null, absolutePath, f), false, files)) {
                fileList.add(remote.get());
            }
        }
        return true;
    }

    private String folder() {
        return getEndpoint().getConfiguration().getDirectory();
    }

    private static String join(String folder, String name) {
        String dir = folder == null ? "" : folder.replaceAll("/+$", "");
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private RemoteFile<SmbFile> asRemoteFile(String absolutePath, String path, SmbFile f) {
        RemoteFile<SmbFile> answer = new RemoteFile<>();
        answer.setCharset(getEndpoint().getCharset());
        answer.setEndpointPath(folder());
        answer.setFile(f);
        answer.setFileNameOnly(f.name());
        answer.setFileLength(f.size());
        answer.setDirectory(false);
        answer.setLastModified(f.lastModified());
        answer.setHostname(getEndpoint().getConfiguration().getHost());
        answer.setAbsolute(absolutePath != null && absolutePath.startsWith("/"));
        answer.setAbsoluteFilePath(path);
        answer.setRelativeFilePath(f.name());
        answer.setFileName(f.name());
        return answer;
    }

    @Override
    protected boolean isMatched(Supplier<GenericFile<SmbFile>> file, String doneFileName, SmbFile[] files) {
        String only = doneFileName.substring(doneFileName.lastIndexOf('/') + 1);
        for (SmbFile f : files) {
            if (f.name().equals(only)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Supplier<String> getRelativeFilePath(String endpointPath, String path, String absolutePath, SmbFile file) {
        return file::name;
    }

    @Override
    protected void updateFileHeaders(GenericFile<SmbFile> file, Message message) {
        message.setHeader(FtpConstants.FILE_LENGTH, file.getFile().size());
        message.setHeader(FtpConstants.FILE_LAST_MODIFIED, file.getFile().lastModified());
    }

    @Override
    public String toString() {
        return "SmbConsumer[" + getEndpoint().getConfiguration().remoteServerInformation() + "]";
    }
}
