//! The places of the hostile spec a value can be put in.

/// A place in the hostile spec (`super::spec`): a free-text field that reaches the
/// infrastructure files, a place that reaches the CIB and the crm script, or a typed Pacemaker
/// attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    // Reach the infrastructure files.
    ClusterName,
    NetworkName,
    BaseImage,
    Package,
    CopySource,
    CopyDest,
    WrapperPath,
    WrapperArg,
    NodeName,
    EnvName,
    EnvValue,
    AutoTieBreakerNode,
    QuorumDeviceHost,
    Logfile,
    FrontName,
    FrontService,
    Health,
    // Reach the CIB and the crm script.
    NodeAttributeName,
    NodeAttributeValue,
    NodeUtilizationValue,
    ParamValue,
    MetaName,
    MetaValue,
    UtilizationName,
    PropertyValue,
    RscDefaultsName,
    OpDefaultsValue,
    RuleAttribute,
    RuleValue,
    /// A permission's selector and description in an `acl-role`.
    AclXpath,
    AclDescription,
    /// The node attribute a colocation places by.
    ColocationNodeAttribute,
    /// A resource's `description`.
    ResourceDescription,
    /// The node attribute a location rule reads its score from.
    ScoreAttribute,
    /// A location's `rsc-pattern`.
    LocationPattern,
    ResourceId,
    ConstraintId,
    /// The value of an attribute Pacemaker defines, on the primitive.
    Meta(&'static str),
    /// On a clone of the primitive.
    CloneMeta(&'static str),
    RscDefault(&'static str),
    OpDefault(&'static str),
    Property(&'static str),
    /// The interval of an operation of this name.
    OpInterval(&'static str),
    /// A property of a monitor operation.
    MonitorOption(&'static str),
}

/// The free-text places that reach the infrastructure files.
pub const INFRA: &[Place] = &[
    Place::ClusterName,
    Place::NetworkName,
    Place::BaseImage,
    Place::Package,
    Place::CopySource,
    Place::CopyDest,
    Place::WrapperPath,
    Place::WrapperArg,
    Place::NodeName,
    Place::EnvName,
    Place::EnvValue,
    Place::AutoTieBreakerNode,
    Place::QuorumDeviceHost,
    Place::Logfile,
    Place::FrontName,
    Place::FrontService,
    Place::Health,
];

/// The free-text places that reach the CIB and the crm script.
pub const CIB: &[Place] = &[
    Place::NodeAttributeName,
    Place::NodeAttributeValue,
    Place::NodeUtilizationValue,
    Place::ParamValue,
    Place::MetaName,
    Place::MetaValue,
    Place::UtilizationName,
    Place::PropertyValue,
    Place::RscDefaultsName,
    Place::OpDefaultsValue,
    Place::RuleAttribute,
    Place::RuleValue,
    Place::AclXpath,
    Place::AclDescription,
    Place::ColocationNodeAttribute,
    Place::ResourceDescription,
    Place::ScoreAttribute,
    Place::LocationPattern,
    Place::ResourceId,
    Place::ConstraintId,
];

impl Place {
    /// The text the place holds for a hostile value: paths keep their required shape.
    pub fn text(self, value: &str) -> String {
        match self {
            Place::CopyDest => format!("/opt/{value}"),
            Place::WrapperPath => format!("/usr/local/bin/{value}"),
            Place::Logfile => format!("/var/log/{value}"),
            Place::Health => format!("/{value}"),
            _ => value.to_string(),
        }
    }

    /// Where the value of this place sits in cib.xml, for the places a Pacemaker tool reads
    /// back by name.
    pub fn in_cib(self) -> Option<CibSpot> {
        Some(match self {
            Place::PropertyValue => CibSpot::Property("cluster-name"),
            Place::NodeAttributeValue => CibSpot::NodeAttribute("node1", "note"),
            Place::ParamValue => CibSpot::Param("h", "fake"),
            Place::MetaValue => CibSpot::Meta("h", "description"),
            Place::RscDefault("description") => CibSpot::Id("rsc-options-description"),
            Place::OpDefault("description") => CibSpot::Id("op-options-description"),
            Place::RuleValue => CibSpot::Id("h-rule-rule-expression"),
            _ => return None,
        })
    }
}

/// Where a value sits in a CIB, as the Pacemaker tools address it (`cib_tools::read`).
#[derive(Debug, Clone, Copy)]
pub enum CibSpot {
    Property(&'static str),
    NodeAttribute(&'static str, &'static str),
    Param(&'static str, &'static str),
    Meta(&'static str, &'static str),
    /// Any element by id, through `cibadmin --xpath`.
    Id(&'static str),
}

impl CibSpot {
    /// Whether the reader prints the value exactly. Pacemaker 2.1's own XML serialiser (used by
    /// `cibadmin`) writes a newline as `\n` and a tab as spaces, so an `Id` read cannot show
    /// control characters (and a CIB that Pacemaker rewrites would lose them).
    pub fn exact_for(&self, value: &str) -> bool {
        !matches!(self, CibSpot::Id(_)) || !value.contains(char::is_control)
    }
}
