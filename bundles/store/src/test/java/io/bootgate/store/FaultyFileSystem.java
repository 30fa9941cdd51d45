/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code faulty:} + path) over the real disk whose writes fail on demand, as a full disk
 * or a read-only file system makes them fail: the store's real MVStore, on a real file, meets the real
 * {@link IOException}s. Tests run as root, where file permissions do not stop writes, and a small tmpfs or
 * loop mount needs privileges this build does not have; this is the layer MVStore does all its I/O through.
 */
public final class FaultyFileSystem extends FilePathWrapper {

    public static final String SCHEME = "faulty";

    public enum Fault {
        NONE,
        /** Writes and syncs fail with ENOSPC's message. */
        DISK_FULL,
        /** Opening for writing and every write fail with EROFS's message. */
        READ_ONLY,
        /** Every open, read and write fails with EIO's message: a disk that went away. */
        GONE
    }

    private static volatile Fault fault = Fault.NONE;
    private static final AtomicInteger faultsRaised = new AtomicInteger();

    static {
        FilePath.register(new FaultyFileSystem());
    }

    /** Registers the file system (once) and clears the fault. */
    public static void install() {
        fault = Fault.NONE;
    }

    public static void set(Fault newFault) {
        fault = newFault;
    }

    /** How many operations have failed with the set fault so far: tests wait on it to know a retry has run. */
    public static int faultsRaised() {
        return faultsRaised.get();
    }

    private static <E extends IOException> E raised(E error) {
        faultsRaised.incrementAndGet();
        return error;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!"r".equals(mode) && fault == Fault.READ_ONLY) {
            throw raised(new FileSystemException(name, null, "Read-only file system"));
        }
        if (fault == Fault.GONE) {
            throw raised(new IOException("Input/output error (" + name + ")"));
        }
        return new FaultyChannel(super.open(mode), name);
    }

    private static IOException writeFault(String file) {
        return switch (fault) {
            case DISK_FULL -> raised(new IOException("No space left on device (" + file + ")"));
            case READ_ONLY -> raised(new FileSystemException(file, null, "Read-only file system"));
            case GONE -> raised(new IOException("Input/output error (" + file + ")"));
            case NONE -> null;
        };
    }

    private static final class FaultyChannel extends FileChannel {

        private final FileChannel channel;
        private final String file;

        FaultyChannel(FileChannel channel, String file) {
            this.channel = channel;
            this.file = file;
        }

        private void checkWrite() throws IOException {
            IOException error = writeFault(file);
            if (error != null) {
                throw error;
            }
        }

        private void checkRead() throws IOException {
            if (fault == Fault.GONE) {
                throw raised(new IOException("Input/output error (" + file + ")"));
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            checkRead();
            return channel.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            checkRead();
            return channel.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkWrite();
            return channel.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            checkWrite();
            return channel.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            checkWrite();
            channel.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            checkWrite();
            channel.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return channel.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            checkWrite();
            return channel.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            checkRead();
            return channel.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkWrite();
            return channel.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return channel.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return channel.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
