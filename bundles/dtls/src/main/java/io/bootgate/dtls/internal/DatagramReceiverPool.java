/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the datagrams of many UDP sockets with a fixed number of threads.
 * <p>
 * Scandium's DTLSConnector reads its socket with blocking receiver threads of its own: at least one per
 * connector. A gateway needs one connector (one local port) per device talking to the same bootstrap server,
 * so that would be one thread per device. Here each socket is a non-blocking {@link DatagramChannel}
 * registered with one of a few {@link Selector}s; a selector thread reads whatever is ready and hands each
 * datagram to its connector, which parses it at once and queues the work on the shared DTLS executor.
 */
final class DatagramReceiverPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiverPool.class);

    /** Larger than any UDP payload, so no datagram is ever truncated. */
    private static final int BUFFER_SIZE = 65536;

    /** Datagrams read from one socket before the others get their turn. */
    private static final int READS_PER_TURN = 16;

    /** A channel's membership in the pool. */
    interface Registration {
        /** Stops reading the channel (closing the channel does as well). */
        void cancel();
    }

    private final Receiver[] receivers;
    private final AtomicInteger nextReceiver = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private volatile boolean closed;

    DatagramReceiverPool(int threads, String threadPrefix) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one receiver thread, not " + threads);
        }
        NamedDaemonThreadFactory threadFactory = new NamedDaemonThreadFactory(threadPrefix);
        receivers = new Receiver[threads];
        try {
            for (int i = 0; i < threads; i++) {
                receivers[i] = new Receiver(Selector.open());
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        for (Receiver receiver : receivers) {
            threadFactory.newThread(receiver).start();
        }
    }

    /**
     * Starts reading a non-blocking channel; each datagram goes to {@code sink} on a receiver thread, with a
     * buffer that is reused afterwards (the sink must copy what it keeps, as DTLSConnector does).
     */
    Registration register(DatagramChannel channel, Consumer<DatagramPacket> sink) throws IOException {
        if (closed) {
            throw new IOException("datagram receiver pool is closed");
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("channel must be non-blocking");
        }
        Receiver receiver = receivers[Math.floorMod(nextReceiver.getAndIncrement(), receivers.length)];
        return receiver.register(channel, sink);
    }

    /** Channels currently registered. */
    int channelCount() {
        return channels.get();
    }

    int threadCount() {
        return receivers.length;
    }

    @Override
    public void close() {
        closed = true;
        for (Receiver receiver : receivers) {
            if (receiver != null) {
                receiver.selector.wakeup();
            }
        }
    }

    private final class Receiver implements Runnable {
        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

        Receiver(Selector selector) {
            this.selector = selector;
        }

        Registration register(DatagramChannel channel, Consumer<DatagramPacket> sink) {
            channels.incrementAndGet();
            // A selector's key set may only change on its own thread without blocking against select().
            change(() -> {
                try {
                    channel.register(selector, SelectionKey.OP_READ, sink);
                } catch (ClosedChannelException e) {
                    LOG.debug("channel closed before it was registered");
                }
            });
            AtomicBoolean cancelled = new AtomicBoolean();
            return () -> {
                if (cancelled.compareAndSet(false, true)) {
                    channels.decrementAndGet();
                    // Also flushes the key of a closed channel, which releases its port without delay.
                    change(() -> {
                        SelectionKey key = channel.keyFor(selector);
                        if (key != null) {
                            key.cancel();
                        }
                    });
                }
            };
        }

        private void change(Runnable change) {
            pending.add(change);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    try {
                        selectOnce();
                    } catch (IOException | RuntimeException e) {
                        if (!selector.isOpen()) {
                            LOG.error("selector closed: the sockets of this receiver are no longer read", e);
                            return;
                        }
                        // Keep serving the other sockets; a failing one is logged each time it fails.
                        LOG.error("datagram receiver loop failed, continuing", e);
                    }
                }
            } finally {
                try {
                    selector.close();
                } catch (IOException e) {
                    LOG.warn("closing selector failed", e);
                }
            }
        }

        private void selectOnce() throws IOException {
            selector.select();
            Runnable change;
            while ((change = pending.poll()) != null) {
                change.run();
            }
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                read(key);
            }
        }

        private void read(SelectionKey key) {
            if (!key.isValid() || !key.isReadable()) {
                return;
            }
            DatagramChannel channel = (DatagramChannel) key.channel();
            @SuppressWarnings("unchecked")
            Consumer<DatagramPacket> sink = (Consumer<DatagramPacket>) key.attachment();
            for (int i = 0; i < READS_PER_TURN; i++) {
                SocketAddress sender;
                buffer.clear();
                try {
                    sender = channel.receive(buffer);
                } catch (PortUnreachableException e) {
                    // An ICMP answer to an earlier datagram: the socket itself is fine.
                    LOG.debug("ICMP port unreachable reported on {}", describe(channel));
                    return;
                } catch (IOException e) {
                    if (channel.isOpen()) {
                        LOG.warn("reading UDP socket {} failed", describe(channel), e);
                    } else {
                        key.cancel();
                    }
                    return;
                }
                if (sender == null) {
                    return;
                }
                DatagramPacket packet = new DatagramPacket(buffer.array(), 0, buffer.position(), sender);
                try {
                    sink.accept(packet);
                } catch (RuntimeException e) {
                    // One malformed datagram or connector failure must not silence the other sockets.
                    LOG.warn("processing a datagram from {} on {} failed", sender, describe(channel), e);
                }
            }
        }
    }

    private static String describe(DatagramChannel channel) {
        try {
            return String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            return "(closed channel)";
        }
    }
}
