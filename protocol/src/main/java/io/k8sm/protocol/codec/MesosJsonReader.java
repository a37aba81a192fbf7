package io.k8sm.protocol.codec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/**
 * Reads JSON into a protobuf builder the way a Mesos master or agent does, which is stricter than
 * protobuf's JsonFormat in some places and more lenient in others:
 * <ul>
 *   <li>keys are looked up by exact proto field name; anything else, a camelCase json_name
 *       included, is silently dropped (at every depth, inside repeated and map fields too);</li>
 *   <li>enums must be given by name: a number is an error; an unknown name is dropped from an
 *       optional or repeated field and an error in a required one;</li>
 *   <li>numbers may also come as strings ("42"), doubles also as "Infinity"/"-Infinity", bools
 *       also as "true"/"false"; bytes are standard base64; null leaves a field unset;</li>
 *   <li>a JSON value of the wrong kind for its field (an object for a string, a number for a
 *       string or an enum, an array for a singular field) is an error.</li>
 * </ul>
 * Errors carry the reason Mesos gives, for the body of a 400. Required fields are not checked here.
 */
final class MesosJsonReader {
  private MesosJsonReader() {}

  static void merge(String json, Message.Builder builder) throws MalformedMessageException {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new MalformedMessageException("Failed to parse JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new MalformedMessageException("Expecting a JSON object", null);
    }
    object(root.getAsJsonObject(), builder);
  }

  private static void object(JsonObject json, Message.Builder builder) throws MalformedMessageException {
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      FieldDescriptor field = builder.getDescriptorForType().findFieldByName(e.getKey());
      if (field != null) {
        field(builder, field, e.getValue());
      }
    }
  }

  private static void field(Message.Builder builder, FieldDescriptor field, JsonElement value)
      throws MalformedMessageException {
    if (value.isJsonNull()) {
      return;
    }
    if (value.isJsonArray()) {
      if (!field.isRepeated()) {
        throw notExpecting("array", field);
      }
      for (JsonElement item : value.getAsJsonArray()) {
        field(builder, field, item);
      }
      return;
    }
    if (value.isJsonObject()) {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        throw notExpecting("object", field);
      }
      if (field.isMapField()) {
        mapEntries(builder, field, value.getAsJsonObject());
      } else if (field.isRepeated()) {
        Message.Builder item = builder.newBuilderForField(field);
        object(value.getAsJsonObject(), item);
        builder.addRepeatedField(field, item.buildPartial());
      } else {
        // Merges into what is there, as Mesos does; map entry builders have no getFieldBuilder.
        Message.Builder item = builder.hasField(field)
            ? ((Message) builder.getField(field)).toBuilder() : builder.newBuilderForField(field);
        object(value.getAsJsonObject(), item);
        builder.setField(field, item.buildPartial());
      }
      return;
    }
    Object scalar = scalar(field, value.getAsJsonPrimitive());
    if (scalar == null) {
      return;
    }
    if (field.isRepeated()) {
      builder.addRepeatedField(field, scalar);
    } else {
      builder.setField(field, scalar);
    }
  }

  private static void mapEntries(Message.Builder builder, FieldDescriptor field, JsonObject json)
      throws MalformedMessageException {
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      Message.Builder entry = builder.newBuilderForField(field);
      field(entry, entry.getDescriptorForType().findFieldByNumber(1), new JsonPrimitive(e.getKey()));
      field(entry, entry.getDescriptorForType().findFieldByNumber(2), e.getValue());
      builder.addRepeatedField(field, entry.buildPartial());
    }
  }

  /** The field value for a JSON string, number or boolean; null when Mesos would drop it. */
  private static Object scalar(FieldDescriptor field, JsonPrimitive p) throws MalformedMessageException {
    String kind = p.isString() ? "string" : p.isNumber() ? "number" : "boolean";
    return switch (field.getJavaType()) {
      case STRING -> {
        requireKind(p.isString(), kind, field);
        yield p.getAsString();
      }
      case BYTE_STRING -> {
        requireKind(p.isString(), kind, field);
        try {
          yield ByteString.copyFrom(Base64.getDecoder().decode(p.getAsString()));
        } catch (IllegalArgumentException e) {
          throw new MalformedMessageException(
              "Failed to base64 decode bytes field '" + field.getName() + "': " + e.getMessage(), e);
        }
      }
      case ENUM -> {
        requireKind(p.isString(), kind, field);
        EnumValueDescriptor v = field.getEnumType().findValueByName(p.getAsString());
        if (v == null && field.isRequired()) {
          throw new MalformedMessageException("Failed to find enum for '" + p.getAsString() + "'", null);
        }
        yield v;
      }
      case BOOLEAN -> {
        requireKind(!p.isNumber(), kind, field);
        if (p.isBoolean()) {
          yield p.getAsBoolean();
        }
        if (!p.getAsString().equals("true") && !p.getAsString().equals("false")) {
          throw new MalformedMessageException("Failed to parse '" + p.getAsString()
              + "' as a JSON boolean for field '" + field.getName() + "'", null);
        }
        yield Boolean.parseBoolean(p.getAsString());
      }
      case DOUBLE, FLOAT -> {
        requireKind(!p.isBoolean(), kind, field);
        double d = p.isString() && p.getAsString().equals("Infinity") ? Double.POSITIVE_INFINITY
            : p.isString() && p.getAsString().equals("-Infinity") ? Double.NEGATIVE_INFINITY
            : number(p, field).doubleValue();
        yield field.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) d : (Object) d;
      }
      case INT -> {
        requireKind(!p.isBoolean(), kind, field);
        yield number(p, field).toBigInteger().intValue();
      }
      case LONG -> {
        requireKind(!p.isBoolean(), kind, field);
        yield number(p, field).toBigInteger().longValue();
      }
      case MESSAGE -> throw notExpecting(kind, field);
    };
  }

  private static BigDecimal number(JsonPrimitive p, FieldDescriptor field) throws MalformedMessageException {
    try {
      return new BigDecimal(p.getAsString().trim());
    } catch (NumberFormatException e) {
      throw new MalformedMessageException("Failed to parse '" + p.getAsString()
          + "' as a JSON number for field '" + field.getName() + "'", e);
    }
  }

  private static void requireKind(boolean ok, String kind, FieldDescriptor field) throws MalformedMessageException {
    if (!ok) {
      throw notExpecting(kind, field);
    }
  }

  private static MalformedMessageException notExpecting(String kind, FieldDescriptor field) {
    return new MalformedMessageException("Not expecting a JSON " + kind + " for field '" + field.getName() + "'", null);
  }
}
