//! The registry of diagnostic codes. Codes are stable: never renumber or reuse one.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A diagnostic code with its long explanation (`hacc explain CODE`).
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
}

macro_rules! codes {
    ($($name:ident = $id:literal $sev:ident $title:literal $text:literal;)*) => {
        $(pub const $name: Code = Code {
            id: $id,
            severity: Severity::$sev,
            title: $title,
            explanation: $text,
        };)*
        /// Every code that exists, in code order.
        pub const ALL_CODES: &[&Code] = &[$(&$name),*];
    };
}

codes! {
    SYNTAX = "E0001" Error "kdl syntax error"
        "The file is not valid KDL v2, so hacc cannot read it. Each parser error is shown at the \
         spot where reading failed. Common causes: a missing closing brace, a quote left open, a \
         KDL v1 `true`/`false` instead of `#true`/`#false`, or a bare word that needs quotes.";
    NO_CLUSTER = "E0002" Error "missing or repeated cluster node"
        "A spec describes exactly one cluster: the top level must hold a single \
         `cluster \"name\" { ... }` node and nothing else.";
    TOO_DEEP = "E0003" Error "nesting too deep"
        "Blocks, `/* */` comments and `/-` slashdashes nest at most 32 levels deep in a spec; a \
         valid spec needs three levels of blocks (`cluster`, `location`, `rule`). hacc refuses \
         deeper nesting before parsing, because reading it would exhaust the stack. A long run \
         of unclosed `{` is the usual cause: close each block where it ends.";
    UNKNOWN_NODE = "E0101" Error "unknown node"
        "A node name (the first word of a line) is not part of the spec language at this level. \
         See `schemas/spec.json` for what each block may contain. Misspellings get a suggestion.";
    UNKNOWN_PROPERTY = "E0102" Error "unknown property"
        "A `key=value` property is not accepted by this node. hacc refuses unknown keys instead of \
         ignoring them, so a misspelled option never silently falls back to a default.";
    MISSING_VALUE = "E0103" Error "missing argument or property"
        "A node lacks an argument or property it requires, for example a `node` without \
         `address=` or a `primitive` without `agent=`.";
    WRONG_TYPE = "E0104" Error "value has the wrong type"
        "A value has the wrong KDL type: a string where a number is expected, or a number where \
         `#true`/`#false` is expected. KDL v2 booleans are written `#true` and `#false`.";
    INVALID_VALUE = "E0105" Error "value is not one of the allowed values"
        "The value is of the right type but is not one the option accepts, for example a \
         transport other than `knet`, `udpu` or `udp`, or a port of 0. Values with a form of \
         their own are refused when they do not have it: a base image that is not a Docker image \
         reference, a package that is not a Debian package name, a health path that is not `/` \
         followed by visible ASCII, a copy source outside the spec's directory, an image path \
         longer than Linux allows or where hacc installs its own files, fencing levels of a node \
         not numbered 1, 2, 3, ..., a rule expression whose operator and value do not go \
         together (`eq` needs a value, `defined` takes none), and an `rsc-pattern` that is not a \
         POSIX extended regular expression every libc compiles alike (Pacemaker ignores a location \
         whose pattern does not compile) or that repeats an anchor or a part that can match \
         nothing (glibc's `regexec`, which Pacemaker calls, misreads `(^a)+` and can loop \
         forever on `((a*|b)*)*`).";
    UNEXPECTED_ARGUMENT = "E0106" Error "unexpected argument"
        "The node has more positional arguments than it accepts. Options are usually written as \
         `key=value` properties.";
    DUPLICATE_OPTION = "E0107" Error "option given twice"
        "The same option or block appears twice where only one is allowed. KDL would keep the \
         last one silently; hacc refuses so the intent is never ambiguous.";
    INVALID_ADDRESS = "E0108" Error "invalid address or subnet"
        "An address must be an IPv4 address such as `10.0.0.11`, and a subnet a CIDR such as \
         `10.0.0.0/24` with no host bits set.";
    INVALID_DURATION = "E0109" Error "invalid duration"
        "Operation intervals and timeouts must be Pacemaker durations: a number with an optional \
         unit `ms`, `s`, `m`/`min` or `h` (`10s`, `1min`, `0`), or an ISO 8601 duration (`PT10S`, \
         `P1D`; Pacemaker also reads hours and seconds without the `T`, as in `P10S`, but an `M` \
         before `T` is months, which hacc does not take).";
    INVALID_SCORE = "E0110" Error "invalid score"
        "A score is an integer or `INFINITY`, `+INFINITY`, `-INFINITY` (also `inf`/`-inf`).";
    INVALID_AGENT = "E0111" Error "invalid resource agent"
        "A resource agent is written `class:provider:type` for OCF agents (`ocf:heartbeat:IPaddr2`) \
         and `class:type` for the others (`systemd:nginx`, `lsb:apache2`, `stonith:fence_xvm`). \
         Known classes: ocf, systemd, lsb, service, stonith. The type of a fencing or LSB agent \
         may be a path (`stonith:external/ssh`, `lsb:/etc/init.d/apache2`). An OCF agent by \
         path (`ocf:heartbeat:/usr/lib/ocf/resource.d/x/Agent`, a legacy form Pacemaker still \
         runs) is not taken: crmsh looks the agent's metadata up by provider and type and \
         refuses the resource, in its own syntax and in its `xml` form alike, so cib.crm could \
         not be loaded. Install the agent under a provider directory and name it \
         `ocf:provider:type`.";
    UNCARRIED_VALUE = "E0112" Error "value the generated files cannot carry"
        "hacc writes spec values into files that each have their limits, and refuses a value a \
         file could not hold unchanged rather than write a file that means something else. No \
         value may hold a NUL character. Pacemaker attribute values (params, meta, utilization, \
         node attributes, properties, defaults) reach cib.crm, which crmsh cannot load with \
         control characters (newlines, tabs), non-ASCII characters, or a backslash before a \
         double quote or at the end; a rule's value must also be one word without quotes or \
         braces. corosync.conf has no quoting: the quorum device host, the logfile and \
         `auto-tie-breaker-node` must be non-empty, without `{`, control characters or spaces \
         around them, and at most 255 bytes.";
    INVALID_SSH_DESTINATION = "E0113" Error "invalid ssh destination"
        "A node's `ssh` destination is `[user@]host`, as OpenSSH takes it. The user is a login \
         name (letters, digits, `_`, `-` and `.`, not starting with `-`); the host an IPv4 or \
         IPv6 address, a DNS name or a `Host` of the user's ssh configuration (letters, \
         digits, `.`, `-`, `_` and `:`), not starting with `-`, which ssh would read as an \
         option. Write the port as `port=`, not `host:port`.";
    DUPLICATE_NAME = "E0201" Error "duplicate name"
        "Node names, node ids and Pacemaker ids (resources, constraints) must be unique; Pacemaker \
         ids share one namespace across resources and constraints. The ids hacc derives for the \
         CIB, the way crmsh does (`<node>-instance_attributes`, `<resource>-meta_attributes-<name>`, \
         `<location>-rule`, `fencing` for fencing levels, ...), must not clash with another \
         object's id either. Two files installed at one path of the image clash too.";
    INVALID_ID = "E0202" Error "not a valid name or id"
        "Pacemaker ids are XML ids (NCName): they start with a letter or `_` and continue with \
         letters, digits, `-`, `_` or `.`. Spaces, `:` and leading digits are refused by the CIB. \
         Other names follow the files that use them: node and front names are host names (a \
         letter, then letters, digits or `-`, at most 63 characters, not ending with `-`); the \
         cluster name is corosync's `cluster_name` and the compose project (a letter, then \
         letters, digits, `-`, `_` or `.`, at most 32 characters); the network name uses \
         letters, digits, `.`, `_` and `-`; `env` names are shell variable names; attribute \
         names use letters, digits, `_`, `.` and `-`, and a rule's attribute may also start with \
         `#` (`#uname`) but is not `date`, `defined` or `not_defined`.";
    UNKNOWN_REFERENCE = "E0203" Error "reference to something that does not exist"
        "A constraint, clone, group, fencing level or front names a node or resource that the \
         spec does not define. Check the spelling; hacc suggests the closest name it knows.";
    DUPLICATE_ADDRESS = "E0204" Error "address used twice"
        "Two nodes (or a node and the front) have the same address. Corosync and Docker both \
         require every member to have its own address on each link.";
    DUPLICATE_PORT = "E0205" Error "host port published twice"
        "Two containers publish the same host port; Docker would fail to start the second one.";
    OUTSIDE_SUBNET = "E0206" Error "address outside the network's subnet"
        "Every container address must lie inside the `network` subnet, and must be neither its \
         network address, its broadcast address nor the gateway (the first host address), which \
         Docker reserves.";
    COPY_SOURCE = "E0207" Error "copy source is not a file in the spec's directory"
        "`copy` takes a file from the spec's directory into the node image, and `hacc check` \
         looks at that file: it must exist, be a regular file (not a directory, FIFO, device or \
         socket), and still lie inside the spec's directory once every symbolic link on the \
         way is resolved, so that a link such as `rootlink -> /` cannot put `/etc/shadow` into \
         an image. An empty source and `.` name no file. Name the file relative to the spec, \
         e.g. `copy \"app/app.py\" to=\"/usr/local/bin/app.py\"`.";
    SSH_IDENTITY = "E0208" Error "ssh identity is not a private key file"
        "`identity=` names the private key ssh logs in with, relative to the spec's directory \
         (or absolute). `hacc check` looks at it: it must exist, be a regular file, and be \
         readable by its owner alone (mode 0600 or 0400), since ssh refuses a key that others \
         can read. Leave `identity` out to use the keys and agent ssh finds itself.";
    WRONG_TARGET = "E0209" Error "not used by this target"
        "Some blocks only mean something for one target. The Docker lab (the default target) \
         starts containers on a bridge network: `network`, `publish`, node `env` and the \
         `front` container belong to it, and hosts reached over SSH have none of them (their \
         addresses and ports are the machines' own). `ssh` says how to reach a host, so it \
         belongs to `target=\"hosts\"`. Remove the block, or change `target=` on the cluster.";
    CIPHER_WITHOUT_HASH = "E0301" Error "crypto cipher without a hash"
        "Corosync refuses `crypto_cipher` without `crypto_hash`: encryption without \
         authentication. Set `crypto-hash` (sha256 or stronger) or turn both off.";
    TWO_NODE_MISMATCH = "E0302" Error "two-node mode needs exactly two nodes"
        "`two-node=#true` tells votequorum that one vote is a quorum. That is only safe with \
         exactly two nodes and fencing, and corosync forbids it with a quorum device or \
         auto-tie-breaker.";
    EXPECTED_VOTES = "E0303" Error "expected votes do not match the node list"
        "`expected-votes` overrides the vote count of the node list. Fewer expected votes than \
         nodes lets two halves of a split both be quorate (split brain): with 4 nodes and \
         expected_votes 3, any 2 nodes have quorum. More expected votes than nodes means the \
         cluster can never reach quorum when a node is lost. Remove it, or make it equal the node count.";
    EVEN_NODES = "W0304" Warning "even node count without a tie-breaker"
        "With an even number of nodes, an even split leaves neither half quorate and the whole \
         cluster stops. Add a node, a quorum device, or `auto-tie-breaker=#true` \
         (two-node clusters use `two-node=#true` instead).";
    DEPRECATED_TRANSPORT = "W0305" Warning "deprecated transport"
        "`udpu` and `udp` are deprecated in corosync 3 and may be compiled out; they support a \
         single link and no encryption. Use `knet`, the default.";
    CRYPTO_OFF = "W0306" Warning "cluster traffic is not encrypted"
        "With `crypto-cipher=\"none\"` any host on the network can read and inject corosync \
         messages, and so control the cluster. knet with aes256 and sha256 is the default.";
    LINKS = "E0307" Error "inconsistent or too many links"
        "knet supports up to 8 links, udp/udpu one. Every node needs the same number of \
         addresses, one per link, and a link's addresses must all be distinct.";
    QUORUM_OPTIONS = "E0308" Error "quorum options that do not go together"
        "`last-man-standing-window` needs `last-man-standing`; a quorum device cannot be combined \
         with `auto-tie-breaker` or `last-man-standing`; `auto-tie-breaker-node` needs \
         `auto-tie-breaker`.";
    UNSAFE_PROPERTY = "E0401" Error "unsafe cluster property without acknowledgement"
        "`stonith-enabled=false` and `no-quorum-policy=ignore` let a partitioned cluster run a \
         resource on both sides (split brain), corrupting shared data. hacc refuses them unless \
         the property carries `{ unsafe-acknowledged \"why\" }`, so the risk is written down where \
         reviewers see it. Even with `no-quorum-policy=stop`, a cluster without fencing cannot \
         promise a single copy: when a node is cut off, it stops its resources while the quorate \
         side starts them, both after the same token timeout, so for a moment both may run. \
         hacc's live tests saw exactly that; only fencing closes the gap.";
    CLONE_MAX = "W0402" Warning "clone-max larger than the node count"
        "`clone-max` (or `promoted-max`) asks for more instances than there are nodes to run them \
         (with `clone-node-max=1`). Pacemaker accepts it: the extra instances stay stopped, and \
         the cluster shows them as stopped until nodes join. Often a leftover of a larger \
         cluster. (Until hacc 0.1 this was the error E0402; `hacc explain E0402` still finds it.)";
    CLONE_TOO_LARGE = "E0418" Error "more clone instances than the scheduler can place in time"
        "Pacemaker's scheduler places clone instances one at a time against every node, so its \
         time grows with the square of `clone-max` (or `promoted-max`), and the DC runs it on \
         every transition. Measured with crm_verify on three nodes: 1,000 instances take 0.2 s, \
         5,000 take 2.3 s, 20,000 more than 100 s. hacc refuses more than 1,000 instances of \
         one clone: past that a cluster spends its transitions scheduling.";
    WRAPPED_TARGET = "E0403" Error "constraint aimed at a resource inside a clone"
        "Once a primitive (or a group) is wrapped in a clone, constraints must name the clone. \
         A constraint on the inner resource is ambiguous (which instance?): Pacemaker applies it \
         to the clone and crmsh only warns. A member of a group no clone wraps is W0421.";
    UNKNOWN_FENCING_TARGET = "W0422" Warning "fencing level for a node the spec does not have"
        "Pacemaker's fencer keeps a fencing level for any node name and uses it once a node \
         of that name is in the cluster, so clusters set levels up for nodes that join later \
         (remote nodes that come and go). Until then the level does nothing. A misspelt name \
         leaves the real node without its topology, so that fencing it tries every device \
         that can: the warning names the closest node.";
    UNKNOWN_LOCATION_NODE = "W0423" Warning "location for a node the spec does not have"
        "Pacemaker keeps a location constraint for any node name and applies it once a node of \
         that name is in the cluster: remote and guest nodes come and go, and a location can \
         wait for a node that is added later. Until then it does nothing. A misspelt name \
         leaves the resource without the preference or the ban it was meant to have, so the \
         warning names the closest node.";
    PATTERN_PLACES_NOTHING = "W0425" Warning "location pattern that places no resource"
        "A location's `rsc-pattern` places every top-level resource whose id the POSIX extended \
         regular expression matches (anywhere in the id, unless anchored), or with a leading \
         `!` every one it does not match. Pacemaker matches it against top-level resources \
         only: a group's member, a clone's or a bundle's child is never placed by a pattern, \
         its group or clone is. A pattern that places nothing today does nothing until a \
         matching resource is added, which is most often a typo (`^web-[0-9]$` for `web-10`) \
         or a pattern aimed at a member: the warning lists the top-level resources.";
    NODELESS_RULE = "W0426" Warning "node attribute test where Pacemaker has no node"
        "Pacemaker evaluates the rules of some attribute sets with no node at hand: cluster \
         properties (`property-set`), `rsc-defaults-set` and `op-defaults-set`, a node's own \
         `attribute-set`s and `utilization-set`s, and the `meta-set`s and `utilization-set`s \
         of resources and the `meta-set`s of operations. \
         A node attribute test (`expression \"#uname\" ...`, `expression \"site\" ...`) in \
         such a rule never holds, so the set never applies, and neither crm_verify nor \
         crmsh says so. Date tests work there; a value per node belongs in a `params-set` \
         (instance attributes are read on each node) or in a location rule.";
    OP_META_SET_LOSES = "W0427" Warning "op meta set that never gives a value"
        "Every attribute set takes a name from the set with the highest score that gives it, \
         but an operation's meta sets: Pacemaker reads those in score order and each later \
         one overwrites the one before, so the lowest score wins, and the plain `meta` \
         counts as 0. An op `meta-set` scored above another source of the same name (the \
         plain `meta`, another `meta-set`) never gives that name, whatever its rule says \
         (checked with crm_simulate against Pacemaker 2.1.5). Score it below the other.";
    GROUP_MEMBER_TARGET = "W0421" Warning "constraint aimed at a member of a group"
        "A group's members are resources of their own, and Pacemaker applies a constraint on \
         one to that member. Each member is colocated with the one before it, so a location \
         or colocation of one member places the whole group, and an order on it holds only \
         that member and those after it. That is sometimes meant (colocating with an inner \
         member); more often the group is: aim the constraint at the group to say so.";
    SINGLE_RESOURCE = "E0404" Error "colocation or order with a single resource"
        "A colocation or order relates two resources (or sets). With one resource it is turned \
         into a one-member set that does nothing, as in `colocation c inf: flask-api`.";
    WRAPPED_TWICE = "E0405" Error "resource wrapped twice"
        "A primitive may belong to at most one group or clone, and a clone may not wrap another \
         clone or itself.";
    MISSING_PARAM = "E0406" Error "missing required agent parameter"
        "The resource agent's metadata marks this parameter required; the agent would fail to \
         start without it.";
    UNKNOWN_PARAM = "E0407" Error "parameter of an agent that takes none"
        "A systemd unit takes no parameters: Pacemaker has nowhere to pass them, so they \
         would do nothing. Configure the unit in its unit file or a drop-in. (A parameter an \
         OCF or fencing agent's metadata does not declare is W0417.)";
    UNKNOWN_CLUSTER_PROPERTY = "E0408" Error "unknown cluster property"
        "The name is not a Pacemaker `crm_config` cluster property, or its value is not one the \
         property accepts.";
    FOREIGN_CLUSTER_PROPERTY = "W0419" Warning "cluster property Pacemaker does not read"
        "Pacemaker stores any name in `crm_config` and reads only its own options; resource \
         agents keep state there (redis's `redis_REPL_INFO`, OVN's `OVN_REPL_INFO`), and \
         clusters carry options of tools long gone. hacc keeps such a property as written and \
         warns. A name close to a Pacemaker option is a misspelling and stays an error \
         (E0408). State that an agent rewrites at run time does not belong in the spec: \
         `hacc plan` would show each rewrite as a change.";
    FENCING_WITHOUT_DEVICE = "E0409" Error "fencing enabled without a fencing device"
        "`stonith-enabled` is true (the default) but no `stonith:` primitive exists: Pacemaker \
         refuses to start any resource until a node can be fenced. Add a fencing device, or \
         disable fencing with an acknowledgement.";
    CLONE_TARGET = "E0410" Error "clone or group wraps the wrong kind of resource"
        "A clone wraps one primitive or group; a group holds primitives only.";
    INVALID_OP = "E0411" Error "invalid operation"
        "An operation name must be one of monitor, start, stop, promote, demote, notify, reload, \
         reload-agent, migrate_to, migrate_from, meta-data or validate-all, and the same operation \
         and interval may appear only once per resource: Pacemaker tells operations apart by name \
         and interval, so monitors for different roles need different intervals. Pacemaker \
         ignores start, stop, promote, demote, reload-agent, migrate_to and migrate_from with an \
         interval (only monitors repeat), and `on-fail=\"demote\"` applies to `promote` and to a \
         recurring `monitor` of the promoted role only.";
    MIXED_CONSTRAINT = "E0412" Error "constraint mixes two forms"
        "A colocation names either two resources (`colocation \"c\" \"a\" with=\"b\"`) or \
         resource sets (`set` blocks), an order either `first=`/`then=` or sets, and a location \
         either `node=` with a score or `rule` blocks, and places one resource, the resources an \
         `rsc-pattern=` matches, or sets; the CIB accepts one form per constraint. A location \
         over sets gives each set its role, and a set's `score=` or `role=` counts only beside \
         `node=` (Pacemaker ignores them beside rules). Split it into two constraints, or move \
         the pair into sets.";
    PROMOTED_ROLE = "E0413" Error "promoted role on a resource that is never promoted"
        "Only the instances of a promotable clone (`promotable=#true`) are ever promoted. On any \
         other resource the role `Promoted` (or `Master`) of a location, colocation or colocation \
         set does not say what the cluster does: Pacemaker 2.1 ignores such a location, and \
         applies such a colocation as if it had no role. Aim it at a promotable clone, make the \
         clone promotable, or drop the role.";
    INVALID_META = "E0414" Error "meta attribute or default with a value Pacemaker does not take"
        "Pacemaker gives each meta attribute it defines a kind of value: `is-managed`, \
         `critical` and the clone options `notify` or `interleave` are booleans, \
         `failure-timeout` and `timeout` durations, `priority` and `resource-stickiness` scores \
         (an integer or `INFINITY`), `migration-threshold` and `clone-max` whole numbers, and \
         `target-role`, `requires`, `multiple-active` and `on-fail` one of a list. The same holds \
         for `rsc-defaults` and `op-defaults`. Pacemaker does not refuse another value: it logs \
         it and uses its default, so the cluster would not do what the spec says. \
         `requires=\"fencing\"` (or `unfencing`) also needs fencing enabled, and a fencing device \
         never requires unfencing. Attributes Pacemaker does not define are a user's own (rules \
         may read them) and are not checked.";
    OTHER_RELEASE_OPTION = "W0415" Warning "cluster option of another Pacemaker release"
        "hacc builds for Pacemaker 2.1. An option name of an older release is read by 2.1 as \
         its current option (`crmd-transition-delay` is `transition-delay`) or ignored \
         (`require_quorum`, `transition-idle-timeout`, ...); an option added after 2.1.5 \
         (`node-pending-timeout`) is ignored; a deprecated value (`stonith-action` `poweroff`, \
         which means `off`) is read as the current one. The CIB keeps what the spec says. Write the current \
         name or value, or remove an option 2.1 ignores: it does nothing. A name close to an \
         option is a misspelling and stays an error (E0408); another name is W0419.";
    READ_AS_ANOTHER_VALUE = "W0416" Warning "value Pacemaker reads as another"
        "Pacemaker takes this value, but reads it as another one, so the spec says one thing \
         and the cluster does a plainer one: a role in another case (`started` is `Started`), \
         a decimal where Pacemaker reads a whole number (a `priority` of `1.5` is 1: it drops \
         the fraction), or a ticket's `loss-policy=\"demote\"` on a resource that does not \
         need the ticket to be promoted (Pacemaker stops it, as with `stop`). The CIB keeps the \
         value as written; write the value Pacemaker reads to say what the cluster does.";
    UNDECLARED_PARAM = "W0417" Warning "agent parameter the agent's metadata does not declare"
        "The resource agent's metadata (the copy hacc ships) does not declare this parameter. \
         Pacemaker passes every parameter to the agent (as `OCF_RESKEY_<name>`) and accepts \
         the configuration; the agent ignores a parameter it does not know, or refuses to \
         start when its validation is strict. A misspelled parameter does not take effect: \
         check the name against the agent's parameters the help lists. (Pacemaker 2.1 also \
         reads resource options such as `priority` given as parameters, when the resource's \
         meta attributes do not set them.)";
    FENCING_GATEWAY = "E0420" Error "lab fencing declared but unusable"
        "`fencing \"docker-lab\" address=...` gives the Docker lab real fencing: a gateway \
         container on the cluster network, the only one that reaches the Docker Engine, and a \
         `stonith:fence_docker` device (`fence-docker`) that kills and restarts node containers \
         through it over mutual TLS, with certificates `hacc apply` makes for the cluster. The \
         line also turns fencing on. A kind other than `docker-lab` is refused, and so is \
         `stonith-enabled` set to false beside it: Pacemaker would never call the device, so \
         the spec would say the cluster is fenced when it is not.";
    UNREADABLE_CIB = "E0501" Error "not a readable CIB"
        "`hacc import` reads a CIB as `cibadmin --query` writes it: an XML document whose root \
         is `<cib>` with a `<configuration>` section (crm_config, nodes, resources, \
         constraints). The file is not XML, or it is XML of another kind.";
    UNCARRIED_ELEMENT = "E0502" Error "CIB element the spec language cannot express"
        "The CIB holds an element that has no counterpart in the spec language yet (\
         templates, ACLs, tags, date expressions, ...). The importer refuses \
         the file rather than drop the element: the spec would mean something else than the \
         cluster. The message names the construct; the element path says where it is.";
    UNCARRIED_ATTRIBUTE = "E0503" Error "CIB attribute the spec language cannot express"
        "An element the spec language has carries an attribute it does not (an operation's \
         `requires`, a remote node's `score`, ...). The importer refuses the file rather than \
         drop the attribute.";
    UNCARRIED_SETS = "E0504" Error "attribute sets the spec language cannot express"
        "A spec element holds a plain set of each kind and further sets (`params-set`, \
         `meta-set`, `utilization-set`, `attribute-set`, `property-set`, `rsc-defaults-set`, \
         `op-defaults-set`) with a rule and, where crmsh writes one, a score; an operation \
         holds `params` and `params-set`s too. A reference to a set elsewhere (`id-ref`) on \
         a further set, or a score the importer cannot turn into an order (W0510), cannot be \
         written.";
    UNKEPT_ID = "E0505" Error "CIB id the spec cannot keep"
        "The importer keeps every id and name of the CIB, so the imported spec builds the same \
         objects. A CIB node's id is its corosync node id (a number from 1), which the spec \
         writes as `id=`; a node whose CIB entry has another id (a UUID from a Heartbeat-era \
         cluster, a name) keeps it as `cib-id=` beside a corosync node id of its own. An id that \
         is neither (empty, 0, a number with leading zeros) cannot be kept, and renaming it \
         would detach the node from its recorded state.";
    AMBIGUOUS_CIB = "E0506" Error "CIB object the importer cannot read unambiguously"
        "The CIB object lacks something the spec needs to say the same (a location with \
         neither a node nor a rule, a constraint without a score, a resource set without \
         resources), or says something twice where the spec takes it once (a property under its \
         Pacemaker 2.1 and 3 names; the same attribute twice in one set is W0509). Pacemaker resolves \
         such cases by rules of its own; the importer refuses rather than guess.";
    IMPORT_REFUSED_BY_CHECK = "E0507" Error "imported object refused by `hacc check`"
        "The importer writes a spec that `hacc check` accepts, or none. This CIB object can be \
         written in the spec language, but the spec would fail a check Pacemaker does not make \
         (a constraint on a group member, \
         fencing enabled without a fencing device, a node name that is not a host name, ...). \
         The message gives the check's code and message; `hacc explain` that code says more.";
    PACEMAKER3_NAME = "W0508" Warning "Pacemaker 3 option name written with its 2.1 name"
        "Pacemaker 3 renamed several cluster options (`stonith-enabled` became \
         `fencing-enabled`, `stop-orphan-resources` became `stop-removed-resources`, ...) and \
         the `no-quorum-policy` value `suicide` became `fence`. hacc builds for Pacemaker 2.1, \
         which ignores the new names, so the importer writes the 2.1 name with the same value, \
         and a spec may use either: `hacc check` warns about a Pacemaker 3 spelling, checks it \
         as the 2.1 option, and the built CIB holds the 2.1 name and value.";
    SECOND_VALUE_IGNORED = "W0509" Warning "attribute set twice in one set: the first is kept"
        "A CIB attribute set (`instance_attributes`, `meta_attributes`, a node's attributes, \
         the cluster options, ...) names the same attribute twice. Pacemaker reads a set \
         without overwriting what it has read, so the first value is the one it uses and the \
         other is never read. A spec element says each attribute once: the importer writes the \
         first value, which means what the CIB means, and leaves the second out.";
    SET_SCORE_AS_ORDER = "W0510" Warning "scored set written by its place instead of its score"
        "Pacemaker reads an element's attribute sets highest score first and, at equal \
         scores, the one written last first; the first set read that gives a name decides its \
         value, and the cluster options' `cib-bootstrap-options` set is read before all. \
         crmsh cannot write a score on the sets of cluster options and of resource and \
         operation defaults, so the importer writes such sets without scores, in the order \
         that makes Pacemaker read them as the CIB's scores did: every name keeps its value. \
         Where no order can (a score that is not a number, a `cib-bootstrap-options` set under \
         a rule) the scores are E0504.";
    INVALID_BUNDLE = "E0430" Error "bundle Pacemaker cannot run as written"
        "A `bundle` runs containers of one engine: exactly one `docker`, `podman` or `rkt` line \
         with an `image`, at most one `network` line, and at most one primitive, named by \
         `primitive=` and declared on its own (the bundle places it: it is in no group or \
         clone and constraints name the bundle, not it). A `port-mapping` maps a `port` (with \
         an optional `internal-port`) or a `range` of ports `first-last`, not both; a \
         `storage-mapping` mounts a `source-dir` shared by every replica or a per-replica \
         directory under `source-dir-root`, exactly one of them. Pacemaker's schema refuses \
         anything else, so the CIB would not load. A bundle that runs a primitive reaches it \
         through an address per replica (`network ip-range-start=`) or a port on the host's \
         network (`control-port=`, one replica per host): with neither Pacemaker ignores the \
         whole bundle, and behind a `control-port` it runs one replica per host whatever \
         `replicas-per-host` says.";
    BUNDLE_IN_LAB = "W0431" Warning "bundle in a Docker lab spec"
        "The Docker lab's nodes are containers without a container engine inside, so a \
         `bundle` there never starts: Pacemaker reports its replicas failed. Bundles are for \
         clusters on real hosts (`target=\"hosts\"` with docker or podman installed) and for \
         specs imported from such clusters; the lab builds and checks them but cannot run them.";
    PAIR_IDS_CLASH = "E0438" Error "two attribute names derive the same id"
        "A pair's CIB id is its set's id, `-` and its name, with every character an XML id \
         cannot hold written `_` (`#health-cpu` gives `n1-instance_attributes-_health-cpu`, \
         `master-db:0` gives `...-master-db_0`). Two names of one set that differ only in such \
         characters (`a:0` and `a_0`, `#x` and `_x`) would give two pairs the same id, which \
         the CIB cannot hold. Rename one of them.";
    DEFAULTS_ONLY_EXPRESSION = "E0436" Error "agent or operation test outside the rules of defaults sets"
        "`rsc-expression` (a resource agent's class, provider and type) and `op-expression` (an \
         operation's name and interval) test what a default applies to, not where a resource \
         runs: Pacemaker evaluates them only in the rules of `rsc_defaults` and `op_defaults` \
         sets. A `rule` of an `rsc-defaults-set` takes `rsc-expression`, a `rule` of an \
         `op-defaults-set` takes both. Elsewhere (location rules, property sets, a resource's \
         or a node's sets, and `op-expression` in an `rsc-defaults-set`) Pacemaker's schema \
         marks them invalid and its scheduler never matches them, so the rule would not mean \
         what it says. Write the test as an `expression` on a node attribute, or move the \
         values into an `rsc-defaults-set` or `op-defaults-set`.";
    INVALID_TAG = "E0437" Error "tag Pacemaker cannot use as written"
        "A `tag` names a list of resources (`tag \"web\" \"vip\" \"site\"`) that constraints \
         may name in place of a resource. Pacemaker's schema requires at least one member, so \
         a tag without one would not load; list the resources, or remove the tag and the \
         constraints that name it. Nor does Pacemaker colocate two tags: a `colocation` whose \
         resource and `with=` are both tags is ignored (`crm_verify` calls the configuration \
         invalid); write it over resource sets, or name a resource on one side. Members must \
         be resources the spec defines (E0203 names an unknown one), and the tag's id shares \
         the CIB's one namespace of ids with resources, constraints, tickets and alerts \
         (E0201).";
    ID_REF_COPIED = "W0432" Warning "id-ref imported as a copy of the element it names"
        "A CIB element with `id-ref` (an `operations`, an `nvpair`, an attribute set) stands \
         for the element of the same tag with that `id`, and Pacemaker reads that element in its \
         place. The spec language has no references between elements, so `hacc import` writes \
         a copy where the reference was and warns: the built CIB repeats the element, which \
         Pacemaker reads the same, but a later change to the original in the cluster no longer \
         reaches the copy. A reference to no element is E0506.";
    UNKNOWN_TEMPLATE = "E0433" Error "primitive made from a template that does not exist"
        "A `primitive` with `template=` is made from a resource template (crmsh's \
         `rsc_template`, the CIB's `<template>`): it takes the template's agent, parameters, \
         meta attributes, utilization and operations, and its own add to or win over them. \
         The name must be a `template` the spec declares; a primitive, group or clone of that \
         name is not one. Pacemaker refuses a CIB whose primitive names a missing template.";
    TEMPLATE_WRAPPED = "E0434" Error "template where Pacemaker takes none"
        "A template is not a resource that runs: Pacemaker's schema allows `<template>` only \
         at the top of `<resources>`, so a group, clone or bundle cannot hold one. Make a \
         primitive from the template (`primitive \"web1\" template=\"web\"`) and put that \
         primitive in the group or clone. Constraints may name a template: Pacemaker applies \
         them to every primitive made from it, but it ignores a colocation whose two sides are \
         both templates (and reports an error), and a primitive made from the template inside \
         a clone is not found under its own name (E0403).";
    AGENT_AND_TEMPLATE = "E0435" Error "primitive with both an agent and a template"
        "A primitive runs one agent: its own (`agent=`) or its template's (`template=`), \
         exactly one of them. Pacemaker's schema takes either `class` and `type` or \
         `template` on a `<primitive>`, never both. A primitive with neither is E0103.";
    INVALID_ACL_PERMISSION = "E0439" Error "ACL permission that selects nothing, or more than one thing"
        "An ACL permission (`read`, `write` or `deny` in an `acl-role`) grants or takes away \
         its right over the elements exactly one selector picks: `xpath=` (an XPath over the \
         CIB), `reference=` (the id of an object, with everything inside it), or `type=` (an \
         element name such as `primitive`) with an optional `attribute=` (one attribute of \
         those elements). Pacemaker's schema takes exactly one of the three and `attribute=` \
         only beside `type=`; crmsh splits a permission with several into several, which \
         would not be what the spec says. Write one permission per selector.";
    ACLS_DISABLED = "W0424" Warning "ACLs that Pacemaker will not apply"
        "Pacemaker applies ACLs only while the cluster property `enable-acl` is true; \
         without it every user in the `haclient` group has full access, whatever the roles \
         say. Add `property \"enable-acl\" #true` to apply the roles (root and `hacluster` \
         are never restricted, so hacc's own pushes keep working), or remove the ACLs.";
}

/// Looks a code up by id, case-insensitively. A number is never given to two codes, so an id
/// whose severity letter changed (E0402, a warning now) still finds its code by the number.
pub fn find(id: &str) -> Option<&'static Code> {
    let number = |id: &str| id.get(1..).map(str::to_string);
    ALL_CODES
        .iter()
        .copied()
        .find(|c| c.id.eq_ignore_ascii_case(id))
        .or_else(|| {
            let wanted = number(id)?;
            ALL_CODES
                .iter()
                .copied()
                .find(|c| number(c.id).as_deref() == Some(wanted.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_names_one_code_and_finds_it_under_either_letter() {
        let mut numbers: Vec<&str> = ALL_CODES.iter().map(|c| &c.id[1..]).collect();
        numbers.sort_unstable();
        let count = numbers.len();
        numbers.dedup();
        assert_eq!(numbers.len(), count, "a number is given to two codes");
        assert_eq!(find("w0402").map(|c| c.id), Some("W0402"));
        assert_eq!(find("E0402").map(|c| c.id), Some("W0402"));
        assert_eq!(find("E0101").map(|c| c.id), Some("E0101"));
        assert!(find("E9999").is_none() && find("").is_none());
    }
}
