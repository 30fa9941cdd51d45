/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * A record, outside the MVStore file, of the newest commit the store confirmed.
 * <p>
 * Why: when MVStore finds newer data in its file damaged, it opens the newest older version whose chunks are
 * all intact, without telling; a damaged disk block could silently turn the store back by months. The store
 * numbers its commits in its {@code meta} map; this file holds the number of the last one that was made
 * durable. At start-up a store older than this number is reported as damaged instead of being used.
 * <p>
 * It is written after the store's commit (and fsync) returned, so it can lag behind the store after a crash,
 * never run ahead of it; it needs no fsync of its own for that. Two slots in different disk sectors are
 * written alternately, each with a CRC, so a torn write spoils only one of them and the other still tells
 * the number before.
 * <p>
 * Slot layout: {@code i64 magic | i64 commit number | u32 crc32 of the 16 bytes before}.
 */
final class CommitWitness implements AutoCloseable {

    static final String FILE_NAME = "objects.commits";
    private static final long MAGIC = 0x4247_434F_4D4D_4954L;
    private static final int SLOT_LENGTH = 20;
    private static final int SLOT_DISTANCE = 512;

    /** What a witness file says. */
    sealed interface Reading permits Missing, Unreadable, Confirmed {}

    record Missing() implements Reading {}

    record Unreadable(String why) implements Reading {}

    record Confirmed(long commit) implements Reading {}

    private final FileChannel channel;

    private CommitWitness(FileChannel channel) {
        this.channel = channel;
    }

    static Reading read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Unreadable(e.toString());
        }
        OptionalLong newest = OptionalLong.empty();
        for (int slot = 0; slot < 2; slot++) {
            OptionalLong value = slot(content, slot * SLOT_DISTANCE);
            if (value.isPresent() && (newest.isEmpty() || value.getAsLong() > newest.getAsLong())) {
                newest = value;
            }
        }
        return newest.isPresent()
                ? new Confirmed(newest.getAsLong())
                : new Unreadable("no intact slot in its " + content.length + " bytes");
    }

    private static OptionalLong slot(byte[] content, int offset) {
        if (content.length < offset + SLOT_LENGTH) {
            return OptionalLong.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(content, offset, SLOT_LENGTH);
        long magic = buffer.getLong();
        long commit = buffer.getLong();
        int crc = buffer.getInt();
        CRC32 check = new CRC32();
        check.update(content, offset, 16);
        return magic == MAGIC && crc == (int) check.getValue() && commit >= 0
                ? OptionalLong.of(commit)
                : OptionalLong.empty();
    }

    /** Opens (creating if needed) the witness for writing. */
    static CommitWitness open(Path file) throws IOException {
        return new CommitWitness(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    /** Records a confirmed commit in the slot its parity selects. */
    void record(long commit) throws IOException {
        ByteBuffer slot = ByteBuffer.allocate(SLOT_LENGTH);
        slot.putLong(MAGIC).putLong(commit);
        CRC32 crc = new CRC32();
        crc.update(slot.array(), 0, 16);
        slot.putInt((int) crc.getValue());
        slot.flip();
        long position = (commit & 1) * SLOT_DISTANCE;
        while (slot.hasRemaining()) {
            position += channel.write(slot, position);
        }
    }

    /** Records and forces to disk: used when the witness is first written. */
    void recordDurably(long commit) throws IOException {
        record(commit);
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
