/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads object definitions from OMA LwM2M registry DDF files ({@code <LWM2M><Object>...</Object></LWM2M>}, schema
 * {@code LWM2M.xsd}) with the JDK's own XML parser. The files may come from an operator's directory, so the parser
 * refuses every document type declaration and never resolves an external entity, DTD or schema (XXE): a DDF file
 * needs none of them.
 */
public final class DdfParser {

    /** Real DDF files are a few tens of KiB; anything far larger is refused before parsing. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * Parses one DDF file.
     *
     * @param source names the file in messages (a path or a resource name)
     * @return the definitions in the file, in file order (usually one)
     * @throws DdfFormatException naming {@code source} and the object or resource at fault
     */
    public List<ObjectModel> parse(InputStream in, String source) throws DdfFormatException {
        byte[] content;
        try {
            content = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new DdfFormatException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (content.length > MAX_BYTES) {
            throw new DdfFormatException(source + ": larger than " + MAX_BYTES + " bytes");
        }
        Document document;
        try {
            DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
            builder.setErrorHandler(new FailingErrorHandler());
            // Nothing is ever fetched: any attempt to resolve an entity is an error, not a network access.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            InputSource input = new InputSource(new ByteArrayInputStream(content));
            input.setSystemId(source);
            document = builder.parse(input);
        } catch (SAXException e) {
            throw new DdfFormatException(source + ": not a safe, well-formed DDF file: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new DdfFormatException(source + ": cannot be parsed: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"LWM2M".equals(root.getTagName())) {
            throw new DdfFormatException(source + ": root element is <" + root.getTagName() + ">, not <LWM2M>");
        }
        List<ObjectModel> models = new ArrayList<>();
        for (Element object : children(root, "Object")) {
            models.add(object(object, source));
        }
        if (models.isEmpty()) {
            throw new DdfFormatException(source + ": no <Object> element");
        }
        return models;
    }

    /**
     * The JDK's built-in parser ({@code newDefaultInstance}, not whatever factory another bundle registered),
     * with document type declarations refused and every external access switched off.
     */
    static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        return factory;
    }

    private static ObjectModel object(Element object, String source) throws DdfFormatException {
        String idText = text(object, "ObjectID", source, "object");
        int id = integer(idText, source + ": <ObjectID> '" + idText + "'");
        String where = source + ": object " + id;
        String name = text(object, "Name", source, "object " + id);
        String version = optionalText(object, "ObjectVersion");
        boolean multiple = multiple(text(object, "MultipleInstances", source, "object " + id), where);
        boolean mandatory = mandatory(text(object, "Mandatory", source, "object " + id), where);
        List<ResourceModel> resources = new ArrayList<>();
        for (Element list : children(object, "Resources")) {
            for (Element item : children(list, "Item")) {
                resources.add(resource(item, where));
            }
        }
        try {
            return ObjectModel.of(id, name, version.isEmpty() ? "1.0" : version, multiple, mandatory, resources);
        } catch (IllegalArgumentException e) {
            throw new DdfFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static ResourceModel resource(Element item, String where) throws DdfFormatException {
        String idText = item.getAttribute("ID").strip();
        int id = integer(idText, where + ": <Item ID='" + idText + "'>");
        String at = where + " resource " + id;
        String name = text(item, "Name", at, "resource");
        Operations operations = operations(optionalText(item, "Operations"), at);
        boolean multiple = multiple(text(item, "MultipleInstances", at, "resource"), at);
        boolean mandatory = mandatory(text(item, "Mandatory", at, "resource"), at);
        ResourceType type = type(optionalText(item, "Type"), operations, at);
        try {
            return new ResourceModel(id, name, operations, multiple, mandatory, type);
        } catch (IllegalArgumentException e) {
            throw new DdfFormatException(at + ": " + e.getMessage(), e);
        }
    }

    private static Operations operations(String text, String at) throws DdfFormatException {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "" -> Operations.NONE;
            case "R" -> Operations.READ;
            case "W" -> Operations.WRITE;
            case "RW" -> Operations.READ_WRITE;
            case "E" -> Operations.EXECUTE;
            default -> throw new DdfFormatException(at + ": <Operations> '" + text + "' is not R, W, RW, E or empty");
        };
    }

    private static ResourceType type(String text, Operations operations, String at) throws DdfFormatException {
        return switch (text.toLowerCase(Locale.ROOT)) {
                // Executable resources have no type; the registry writes an empty <Type/> or "none".
            case "", "none" -> {
                if (!operations.isExecutable()) {
                    throw new DdfFormatException(at + ": <Type> is empty but <Operations> is not E");
                }
                yield ResourceType.NONE;
            }
            case "string" -> ResourceType.STRING;
            case "integer" -> ResourceType.INTEGER;
            case "unsigned integer" -> ResourceType.UNSIGNED_INTEGER;
            case "float" -> ResourceType.FLOAT;
            case "boolean" -> ResourceType.BOOLEAN;
            case "opaque" -> ResourceType.OPAQUE;
            case "time" -> ResourceType.TIME;
            case "objlnk" -> ResourceType.OBJLNK;
            case "corelnk" -> ResourceType.CORELNK;
            default -> throw new DdfFormatException(at + ": <Type> '" + text + "' is not an LwM2M data type");
        };
    }

    private static boolean multiple(String text, String at) throws DdfFormatException {
        return switch (text) {
            case "Single" -> false;
            case "Multiple" -> true;
            default -> throw new DdfFormatException(
                    at + ": <MultipleInstances> '" + text + "' is not Single or Multiple");
        };
    }

    private static boolean mandatory(String text, String at) throws DdfFormatException {
        return switch (text) {
            case "Mandatory" -> true;
            case "Optional" -> false;
            default -> throw new DdfFormatException(at + ": <Mandatory> '" + text + "' is not Mandatory or Optional");
        };
    }

    private static int integer(String text, String what) throws DdfFormatException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DdfFormatException(what + " is not an id", e);
        }
    }

    private static String text(Element parent, String tag, String where, String owner) throws DdfFormatException {
        List<Element> found = children(parent, tag);
        if (found.size() != 1) {
            throw new DdfFormatException(
                    where + ": " + owner + " has " + found.size() + " <" + tag + "> elements, expected one");
        }
        String text = found.get(0).getTextContent().strip();
        if (text.isEmpty()) {
            throw new DdfFormatException(where + ": <" + tag + "> is empty");
        }
        return text;
    }

    private static String optionalText(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && tag.equals(element.getTagName())) {
                result.add(element);
            }
        }
        return result;
    }

    /** Warnings and errors end the parse: a DDF file is either clean or refused. */
    private static final class FailingErrorHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
