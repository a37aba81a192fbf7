package io.k8sm.protocol.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.util.Base64;
import java.util.List;

/**
 * Prints a protobuf message as JSON the way a Mesos master or agent writes it: proto field names,
 * enum names, base64 bytes, and 64-bit integers as plain numbers (protobuf's JsonFormat quotes them,
 * which Mesos does not). Map fields become objects; non-finite doubles are quoted
 * ("Infinity", "NaN"), as Mesos's parser expects them.
 *
 * <p>Which fields: Mesos walks the descriptor in declaration order and prints every non-empty
 * repeated field, every set singular field, and every unset singular field that declares an
 * explicit {@code [default = ...]} and is not deprecated, with that default (so an unset
 * {@code FrameworkInfo.checkpoint} prints as {@code false}, {@code CommandInfo.shell} as
 * {@code true}, {@code Filters.refuse_seconds} as {@code 5}). A field without an explicit default
 * is printed only when set.
 */
public final class MesosJsonWriter {
  private MesosJsonWriter() {}

  public static String print(MessageOrBuilder message) {
    StringBuilder sb = new StringBuilder(256);
    message(sb, message);
    return sb.toString();
  }

  private static void message(StringBuilder sb, MessageOrBuilder m) {
    sb.append('{');
    boolean first = true;
    for (FieldDescriptor fd : m.getDescriptorForType().getFields()) {
      if (!printed(m, fd)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, fd.getName());
      sb.append(':');
      Object value = m.getField(fd);
      if (fd.isMapField()) {
        map(sb, fd, (List<?>) value);
      } else if (fd.isRepeated()) {
        sb.append('[');
        List<?> values = (List<?>) value;
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          value(sb, fd, values.get(i));
        }
        sb.append(']');
      } else {
        value(sb, fd, value);
      }
    }
    sb.append('}');
  }

  private static boolean printed(MessageOrBuilder m, FieldDescriptor fd) {
    if (fd.isRepeated()) {
      return m.getRepeatedFieldCount(fd) > 0;
    }
    return m.hasField(fd) || (fd.hasDefaultValue() && !fd.getOptions().getDeprecated());
  }

  private static void map(StringBuilder sb, FieldDescriptor fd, List<?> entries) {
    FieldDescriptor keyField = fd.getMessageType().findFieldByName("key");
    FieldDescriptor valueField = fd.getMessageType().findFieldByName("value");
    sb.append('{');
    for (int i = 0; i < entries.size(); i++) {
      MessageOrBuilder entry = (MessageOrBuilder) entries.get(i);
      if (i > 0) {
        sb.append(',');
      }
      string(sb, String.valueOf(entry.getField(keyField)));
      sb.append(':');
      value(sb, valueField, entry.getField(valueField));
    }
    sb.append('}');
  }

  private static void value(StringBuilder sb, FieldDescriptor fd, Object v) {
    switch (fd.getType()) {
      case UINT32, FIXED32 -> sb.append(Integer.toUnsignedString((Integer) v));
      case UINT64, FIXED64 -> sb.append(Long.toUnsignedString((Long) v));
      case INT32, SINT32, SFIXED32, INT64, SINT64, SFIXED64 -> sb.append(v);
      case DOUBLE, FLOAT -> {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          string(sb, Double.toString(d));
        } else {
          sb.append(fd.getType() == FieldDescriptor.Type.FLOAT ? Float.toString((Float) v) : Double.toString(d));
        }
      }
      case BOOL -> sb.append(v);
      case STRING -> string(sb, (String) v);
      case BYTES -> string(sb, Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> string(sb, ((EnumValueDescriptor) v).getName());
      case MESSAGE, GROUP -> message(sb, (MessageOrBuilder) v);
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
