/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain UDP connector without threads of its own, for a management-server endpoint in NoSec mode (only
 * when the factory's configuration allows it).
 * <p>
 * Californium's UDPConnector starts receiver and sender threads per connector; here the socket is a
 * non-blocking {@link DatagramChannel} read by the factory's {@link DatagramReceiverPool}, and a datagram is
 * written on the calling (CoAP) thread, as {@link PooledDtlsConnector} does.
 */
final class PooledUdpConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(PooledUdpConnector.class);

    private final InetSocketAddress bindAddress;
    private final DatagramReceiverPool receivers;
    private final EndpointLabel label;
    private final Object lock = new Object();
    private volatile DatagramChannel channel;
    private volatile InetSocketAddress localAddress;
    private volatile DatagramReceiverPool.Registration registration;
    private volatile RawDataChannel receiver;
    private volatile EndpointContextMatcher matcher;

    PooledUdpConnector(InetSocketAddress bindAddress, DatagramReceiverPool receivers, EndpointLabel label) {
        this.bindAddress = bindAddress;
        this.receivers = receivers;
        this.label = label;
    }

    @Override
    public void start() throws IOException {
        synchronized (lock) {
            if (channel != null) {
                return;
            }
            DatagramChannel opened = DatagramChannel.open(
                    bindAddress.getAddress() instanceof Inet4Address
                            ? StandardProtocolFamily.INET
                            : StandardProtocolFamily.INET6);
            try {
                opened.bind(bindAddress);
                opened.configureBlocking(false);
                localAddress = (InetSocketAddress) opened.getLocalAddress();
                registration = receivers.register(opened, this::processDatagram);
                channel = opened;
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
    }

    @Override
    public void stop() {
        DatagramChannel current;
        DatagramReceiverPool.Registration registered;
        synchronized (lock) {
            current = channel;
            registered = registration;
            channel = null;
            registration = null;
        }
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.warn("{}: closing the UDP socket failed", label, e);
            }
        }
        if (registered != null) {
            registered.cancel();
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    @Override
    public void send(RawData message) {
        DatagramChannel current = channel;
        if (current == null) {
            message.onError(new IOException(label + ": UDP connector is not running"));
            return;
        }
        InetSocketAddress destination = message.getEndpointContext().getPeerAddress();
        EndpointContext context = new UdpEndpointContext(destination);
        EndpointContextMatcher contextMatcher = matcher;
        if (contextMatcher != null && !contextMatcher.isToBeSent(message.getEndpointContext(), context)) {
            message.onError(new EndpointMismatchException("UDP sending"));
            return;
        }
        try {
            message.onContextEstablished(context);
            int sent = current.send(ByteBuffer.wrap(message.getBytes()), destination);
            if (sent == 0) {
                // A full send buffer: UDP may lose datagrams anyway; CoAP retransmits confirmable messages.
                LOG.debug("{}: send buffer full, {} bytes to {} dropped", label, message.getSize(), destination);
            }
            message.onSent();
        } catch (IOException e) {
            message.onError(e);
        }
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        RawDataChannel sink = receiver;
        if (sink == null) {
            return;
        }
        byte[] bytes = Arrays.copyOfRange(
                datagram.getData(), datagram.getOffset(), datagram.getOffset() + datagram.getLength());
        sink.receiveData(RawData.inbound(
                bytes,
                new UdpEndpointContext((InetSocketAddress) datagram.getSocketAddress()),
                false,
                ClockUtil.nanoRealtime(),
                localAddress));
    }

    @Override
    public void setRawDataReceiver(RawDataChannel messageHandler) {
        this.receiver = messageHandler;
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public InetSocketAddress getAddress() {
        InetSocketAddress bound = localAddress;
        return bound != null ? bound : bindAddress;
    }

    @Override
    public String getProtocol() {
        return "UDP";
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    @Override
    public String toString() {
        return label + " (UDP " + getAddress() + ")";
    }
}
