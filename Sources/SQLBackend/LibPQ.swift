import Glibc

/// libpq, PostgreSQL's client library, loaded when the first connection is made rather than
/// at start-up: linked in, it brought 28 shared libraries (TLS, Kerberos, LDAP) that every
/// `amity` run paid about 5 ms to load, connected or not. Only the functions Amity calls are
/// looked up; their C signatures and the status numbers are libpq's stable ABI (libpq.so.5).
/// Every function is there once ``loaded`` succeeded (a missing one fails the load).
struct LibPQ: @unchecked Sendable {
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer

    // ConnStatusType and ExecStatusType values.
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1, tuplesOK: Int32 = 2, copyIn: Int32 = 4
    static let badResponse: Int32 = 5, nonfatalError: Int32 = 6, fatalError: Int32 = 7

    let connectdbParams: (@convention(c) (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>, Int32) -> Connection?)!
    let status: (@convention(c) (Connection?) -> Int32)!
    let errorMessage: (@convention(c) (Connection?) -> UnsafePointer<CChar>?)!
    let finish: (@convention(c) (Connection?) -> Void)!
    let sendQuery: (@convention(c) (Connection?, UnsafePointer<CChar>) -> Int32)!
    let isBusy: (@convention(c) (Connection?) -> Int32)!
    let socket: (@convention(c) (Connection?) -> Int32)!
    let consumeInput: (@convention(c) (Connection?) -> Int32)!
    let getResult: (@convention(c) (Connection?) -> Result?)!
    let resultStatus: (@convention(c) (Result?) -> Int32)!
    let clear: (@convention(c) (Result?) -> Void)!
    let resultErrorField: (@convention(c) (Result?, Int32) -> UnsafePointer<CChar>?)!
    let resultErrorMessage: (@convention(c) (Result?) -> UnsafePointer<CChar>?)!
    let ntuples: (@convention(c) (Result?) -> Int32)!
    let nfields: (@convention(c) (Result?) -> Int32)!
    let getisnull: (@convention(c) (Result?, Int32, Int32) -> Int32)!
    let getlength: (@convention(c) (Result?, Int32, Int32) -> Int32)!
    let getvalue: (@convention(c) (Result?, Int32, Int32) -> UnsafePointer<CChar>?)!
    let putCopyData: (@convention(c) (Connection?, UnsafePointer<CChar>?, Int32) -> Int32)!
    let putCopyEnd: (@convention(c) (Connection?, UnsafePointer<CChar>?) -> Int32)!
    let getCancel: (@convention(c) (Connection?) -> OpaquePointer?)!
    let cancel: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32)!
    let freeCancel: (@convention(c) (OpaquePointer?) -> Void)!

    /// The library, or why it could not be loaded.
    static let loaded: Swift.Result<LibPQ, ServerError> = load()

    private static func load() -> Swift.Result<LibPQ, ServerError> {
        guard let library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(ServerError(message: "PostgreSQL's client library (libpq.so.5) is not installed; "
                                        + "install it with: sudo apt-get install libpq5"))
        }
        var missing: [String] = []
        func symbol<Function>(_ name: String, as _: Function.Type) -> Function? {
            guard let address = dlsym(library, name) else {
                missing.append(name)
                return nil
            }
            return unsafeBitCast(address, to: Function.self)
        }
        let table = LibPQ(
            connectdbParams: symbol("PQconnectdbParams", as: (@convention(c) (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>, Int32) -> Connection?).self),
            status: symbol("PQstatus", as: (@convention(c) (Connection?) -> Int32).self),
            errorMessage: symbol("PQerrorMessage", as: (@convention(c) (Connection?) -> UnsafePointer<CChar>?).self),
            finish: symbol("PQfinish", as: (@convention(c) (Connection?) -> Void).self),
            sendQuery: symbol("PQsendQuery", as: (@convention(c) (Connection?, UnsafePointer<CChar>) -> Int32).self),
            isBusy: symbol("PQisBusy", as: (@convention(c) (Connection?) -> Int32).self),
            socket: symbol("PQsocket", as: (@convention(c) (Connection?) -> Int32).self),
            consumeInput: symbol("PQconsumeInput", as: (@convention(c) (Connection?) -> Int32).self),
            getResult: symbol("PQgetResult", as: (@convention(c) (Connection?) -> Result?).self),
            resultStatus: symbol("PQresultStatus", as: (@convention(c) (Result?) -> Int32).self),
            clear: symbol("PQclear", as: (@convention(c) (Result?) -> Void).self),
            resultErrorField: symbol("PQresultErrorField", as: (@convention(c) (Result?, Int32) -> UnsafePointer<CChar>?).self),
            resultErrorMessage: symbol("PQresultErrorMessage", as: (@convention(c) (Result?) -> UnsafePointer<CChar>?).self),
            ntuples: symbol("PQntuples", as: (@convention(c) (Result?) -> Int32).self),
            nfields: symbol("PQnfields", as: (@convention(c) (Result?) -> Int32).self),
            getisnull: symbol("PQgetisnull", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            getlength: symbol("PQgetlength", as: (@convention(c) (Result?, Int32, Int32) -> Int32).self),
            getvalue: symbol("PQgetvalue", as: (@convention(c) (Result?, Int32, Int32) -> UnsafePointer<CChar>?).self),
            putCopyData: symbol("PQputCopyData", as: (@convention(c) (Connection?, UnsafePointer<CChar>?, Int32) -> Int32).self),
            putCopyEnd: symbol("PQputCopyEnd", as: (@convention(c) (Connection?, UnsafePointer<CChar>?) -> Int32).self),
            getCancel: symbol("PQgetCancel", as: (@convention(c) (Connection?) -> OpaquePointer?).self),
            cancel: symbol("PQcancel", as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32).self),
            freeCancel: symbol("PQfreeCancel", as: (@convention(c) (OpaquePointer?) -> Void).self))
        guard missing.isEmpty else {
            return .failure(ServerError(message: "libpq.so.5 lacks \(missing.joined(separator: ", ")); install a newer libpq5"))
        }
        return .success(table)
    }
}
