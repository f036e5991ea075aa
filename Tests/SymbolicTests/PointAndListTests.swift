import Symbolic
import Testing

/// The text a user writes around an expression: comma-separated lists, a point `x1=0.3, x2=2`, and messages that
/// quote long input as excerpts.
@Suite("Lists, points and message text")
struct PointAndListTests {
    @Test("a list's items are trimmed; an empty item, or a repeated one when they must be unique, is an error quoting the list")
    func lists() throws {
        #expect(try CommaList.items("x, x^2 ,sin") == ["x", "x^2", "sin"])
        #expect(try CommaList.items("a,a") == ["a", "a"])
        #expect(throws: CommaListError.emptyItem(text: "-1,1,", position: 3, count: 3)) { try CommaList.items("-1,1,") }
        #expect(throws: CommaListError.repeatedItem(text: "x,y,x", item: "x")) { try CommaList.items("x,y,x", unique: true) }
        #expect(CommaListError.emptyItem(text: "2,,1", position: 2, count: 3).description
                == "'2,,1': item 2 of 3 is empty; expected items separated by single commas")
        #expect(CommaListError.repeatedItem(text: "x,x", item: "x").description == "'x,x': 'x' is given twice; name each once")
    }

    @Test("a point: names with finite values, spaces ignored; empty text is no variables")
    func point() throws {
        #expect(try PointParser.parse("x1=0.3, x2 = 2") == ["x1": 0.3, "x2": 2])
        #expect(try PointParser.parse("E=1e-3") == ["E": 0.001])
        #expect(try PointParser.parse("") == [:])
        let point = try PointParser.parse("x=0.5,y=-2")
        #expect(try Expr(parsing: "x*y + 1").evaluate(at: point) == 0)
    }

    @Test("a point's errors name the assignment, the value or the name at fault",
          arguments: [
              ("x=1,", "'x=1,': item 2 of 2 is empty; expected items separated by single commas"),
              ("x", "expected NAME=VALUE, found 'x'"),
              ("=3", "expected NAME=VALUE, found '=3'"),
              ("x=abc", "'abc' is not a finite number (for x)"),
              ("x=inf", "'inf' is not a finite number (for x)"),
              ("x=1,x=2", "x is given twice; give each variable one value"),
          ])
    func pointErrors(text: String, message: String) {
        #expect {
            try PointParser.parse(text)
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test("a message quotes every run longer than the limit as an excerpt, and is cut after twenty limits")
    func longRuns() {
        let field = String(repeating: "7", count: 300)
        #expect("bad value \(field) here".shorteningLongRuns() == "bad value \(field.excerpt()) here")
        #expect("short words stay".shorteningLongRuns() == "short words stay")
        let long = Array(repeating: "word", count: 1000).joined(separator: " ")
        let shortened = long.shorteningLongRuns(limit: 10)
        #expect(shortened.hasSuffix("... (4999 characters in all)") && shortened.count == 200 + "... (4999 characters in all)".count)
    }
}
