/// The map as SVG: the outline as filled paths and the points as circles, through the same
/// equirectangular projection as the terminal, in an area of the world's 2:1 shape.
enum SVGMap {
    static func draw(_ points: MapPoints, outline: WorldOutline?, into document: inout SVGDocument) {
        let footnotes = points.leftOut.lines
        let availableWidth = Double(document.width) - 24
        let availableHeight = Double(document.height) - document.top - 12 - Double(footnotes.count) * 15
        let width = min(availableWidth, availableHeight * 2), height = width / 2
        let left = 12 + (availableWidth - width) / 2, top = document.top
        func place(_ lon: Double, _ lat: Double) -> (x: Double, y: Double) {
            let unit = MapProjection.unit(lon: lon, lat: lat)
            return (left + unit.x * width, top + unit.y * height)
        }
        document.rect(x: left, y: top, width: width, height: height, fill: "#f4f8fb", extra: " stroke=\"#c9d3dc\" class=\"frame\"")
        var commands = ""
        for ring in outline?.rings ?? [] {
            let edges = MapProjection.edges(ring)
            guard !edges.isEmpty else { continue }
            var previous: (lon: Double, lat: Double)?
            for (from, to) in edges {
                let start = place(from.lon, from.lat), end = place(to.lon, to.lat)
                if previous.map({ $0.lon != from.lon || $0.lat != from.lat }) ?? true {
                    commands += "M\(SVGDocument.number(start.x)) \(SVGDocument.number(start.y))"
                }
                commands += "L\(SVGDocument.number(end.x)) \(SVGDocument.number(end.y))"
                previous = to
            }
            commands += "Z"
        }
        if !commands.isEmpty {
            document.add("<path d=\"\(commands)\" fill=\"#e4e8ec\" stroke=\"#8a96a3\" stroke-width=\"0.7\" class=\"outline\"/>")
        }
        // Beyond a few thousand points, one circle per occupied 3-pixel cell draws the same picture.
        let gridColumns = Int(width / 3) + 1, gridRows = Int(height / 3) + 1
        var occupied = [Bool](repeating: false, count: gridColumns * gridRows)
        let binned = points.lons.count > SVGPoints.circleLimit
        for index in points.lons.indices {
            let at = place(points.lons[index], points.lats[index])
            if binned {
                let cell = min(Int((at.y - top) / 3), gridRows - 1) * gridColumns + min(Int((at.x - left) / 3), gridColumns - 1)
                guard !occupied[cell] else { continue }
                occupied[cell] = true
            }
            document.add("<circle cx=\"\(SVGDocument.number(at.x))\" cy=\"\(SVGDocument.number(at.y))\" r=\"3\" fill=\"\(SVGBars.negativeColor)\" class=\"point\"/>")
        }
        // Labels after every point, so that none is covered, and only where they do not run
        // into one already written: as at a terminal, a crowded place keeps its first labels.
        var placed: [(x: ClosedRange<Double>, y: ClosedRange<Double>)] = []
        for index in points.lons.indices where index < points.labels.count && !points.labels[index].isEmpty {
            let at = place(points.lons[index], points.lats[index])
            let label = points.labels[index]
            let length = Double(TextCells.width(label)) * 6.3
            // Past the map's right edge, the label goes to the point's left.
            let onLeft = at.x + 6 + length > left + width
            let box = (x: onLeft ? at.x - 6 - length...at.x - 6 : at.x + 6...at.x + 6 + length, y: at.y - 7...at.y + 4)
            guard !placed.contains(where: { $0.x.overlaps(box.x) && $0.y.overlaps(box.y) }) else { continue }
            placed.append(box)
            document.text(label, x: onLeft ? at.x - 6 : at.x + 6, y: at.y + 4, anchor: onLeft ? "end" : "start", size: 11)
        }
        document.footnotes(footnotes)
    }
}
