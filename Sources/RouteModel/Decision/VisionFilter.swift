/// Keeps image requests away from models that cannot read images (`vision: false` in the
/// catalog): such a model would drop the image silently or reject the request upstream.
public enum VisionFilter {
    /// Whether a target's model reads images.
    public static func canSeeImages(_ target: TargetSpec, in table: RouteTable) -> Bool {
        table.providers[target.provider].canSeeImages(target.model)
    }

    /// The attempt list split in order: the targets this request may go to, and those passed
    /// over because the request carries an image they cannot read (empty for a text request).
    public static func split(
        _ targets: [TargetSpec], hasImage: Bool, in table: RouteTable
    ) -> (usable: [TargetSpec], blind: [TargetSpec]) {
        guard hasImage else { return (targets, []) }
        var usable: [TargetSpec] = []
        var blind: [TargetSpec] = []
        for target in targets {
            if canSeeImages(target, in: table) { usable.append(target) } else { blind.append(target) }
        }
        return (usable, blind)
    }
}
