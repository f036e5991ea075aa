import Foundation

/// Why bytes could not be decoded as a JSON document: text that is not JSON, told apart from valid JSON of
/// another shape, with the place in the document and what was expected there.
public struct JSONDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
}

/// Decodes JSON documents (checkpoints, libraries, discovery results) with errors a user can act on: "not JSON"
/// only for text that is not, and for JSON of the wrong shape what was expected where (`at model.layers[0]:
/// expected an object, found an array`).
public enum JSONDocument {
    /// `T` decoded from `data`; `expected` names the document in errors (`a checkpoint (kan train --save
    /// writes one)`).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, expected: String) throws(JSONDocumentError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw JSONDocumentError(description: describe(error, in: data, expected: expected))
        } catch {
            throw JSONDocumentError(description: "it is not \(expected): \(error)")
        }
    }

    private static func describe(_ error: DecodingError, in data: Data, expected: String) -> String {
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return "it is empty; expected \(expected)" }
            return "it is not JSON (or it is cut short); expected \(expected)"
        }
        let shape = "it is JSON, but not \(expected)"
        switch error {
        case .typeMismatch(let type, let context):
            let found = value(at: context.codingPath, in: document).map(kind) ?? "nothing"
            return "\(shape): \(place(context.codingPath)) expected \(name(of: type)), found \(found)"
        case .keyNotFound(let key, let context):
            return "\(shape): \(place(context.codingPath)) '\(key.stringValue)' is missing"
        case .valueNotFound(let type, let context):
            return "\(shape): \(place(context.codingPath)) expected \(name(of: type)), found null"
        case .dataCorrupted(let context):
            return "\(shape): \(place(context.codingPath)) \(context.debugDescription)"
        @unknown default:
            return "\(shape): \(error)"
        }
    }

    /// `at model.layers[0]:` or `at the top level:`.
    private static func place(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "at the top level," }
        let text = path.enumerated().map { index, key in
            key.intValue.map { "[\($0)]" } ?? (index == 0 ? key.stringValue : ".\(key.stringValue)")
        }.joined()
        return "at \(text),"
    }

    /// The JSON value at `path`, if there is one.
    private static func value(at path: [any CodingKey], in document: Any) -> Any? {
        var current: Any = document
        for key in path {
            if let index = key.intValue, let array = current as? [Any], array.indices.contains(index) {
                current = array[index]
            } else if let object = current as? [String: Any], let next = object[key.stringValue] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }

    /// `an object`, `an array`, `a string`, ... for a JSON value.
    private static func kind(_ value: Any) -> String {
        switch value {
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        case is String: return "a string"
        case is NSNull: return "null"
        case let number as NSNumber: return String(cString: number.objCType) == "c" ? "true or false" : "a number"
        default: return "\(type(of: value))"
        }
    }

    /// The JSON kind a Swift type is decoded from.
    private static func name(of type: Any.Type) -> String {
        let text = "\(type)"
        if text.hasPrefix("Dictionary") { return "an object" }
        if text.hasPrefix("Array") { return "an array" }
        if text == "String" { return "a string" }
        if ["Double", "Float", "Int", "Int64", "UInt64", "UInt8"].contains(text) { return "a number" }
        if text == "Bool" { return "true or false" }
        return "an object"
    }
}
