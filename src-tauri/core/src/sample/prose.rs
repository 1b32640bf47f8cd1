//! Phrase banks for sample dossiers: per pilot type a profile (names, domain), per section role
//! an opening paragraph that always appears and sentences drawn to fill the rest. Slots:
//! `{space}` space name, `{org}` applicant, `{short}` applicant's short name, `{domain}` the
//! field it serves, `{region}` its place, `{n}` a number drawn per use.

use crate::template::SectionRole;

use crate::model::PilotType;

pub struct Profile {
    pub space: &'static str,
    pub org: &'static str,
    pub short: &'static str,
    pub domain: &'static str,
    pub region: &'static str,
    pub recommending_unit: &'static str,
    pub legal_representative: &'static str,
    pub address: &'static str,
    /// The first 17 characters of the credit code; the check character is computed.
    pub credit_code_17: &'static str,
    /// 拟投入资金总额, 万元.
    pub investment: u32,
    pub scenarios: [&'static str; 3],
}

pub fn profile(t: PilotType) -> Profile {
    match t {
        PilotType::Enterprise => Profile {
            space: "星河智造供应链可信数据空间",
            org: "星河智能装备集团有限公司",
            short: "星河集团",
            domain: "高端装备制造供应链",
            region: "江苏省苏州市",
            recommending_unit: "江苏省数据局",
            legal_representative: "周立新",
            address: "江苏省苏州市工业园区星湖街 328 号",
            credit_code_17: "91320594MA1XK7Q2P",
            investment: 36000,
            scenarios: ["供应链协同计划", "设备运维数据共享", "中小供应商普惠金融"],
        },
        PilotType::Industry => Profile {
            space: "新材料行业可信数据空间",
            org: "华材数智科技有限公司",
            short: "华材数智",
            domain: "新材料行业",
            region: "浙江省宁波市",
            recommending_unit: "浙江省数据局",
            legal_representative: "陈海鸥",
            address: "浙江省宁波市鄞州区首南街道材料路 66 号",
            credit_code_17: "91330212MA2H9T5L0",
            investment: 28000,
            scenarios: ["材料协同研发", "材料产品护照", "行业大模型训练数据供给"],
        },
        PilotType::City => Profile {
            space: "滨江市城市可信数据空间",
            org: "滨江数据集团有限公司",
            short: "滨江数据集团",
            domain: "城市全域数字化转型",
            region: "滨江市",
            recommending_unit: "东海省数据局",
            legal_representative: "林志远",
            address: "东海省滨江市滨江新区数智大道 1 号",
            credit_code_17: "91440300MA5G3R8W2",
            investment: 52000,
            scenarios: ["公共数据授权运营", "普惠金融信用融资", "城市低空物流调度"],
        },
    }
}

/// The paragraph that opens a section of the given role.
pub fn opening(role: SectionRole) -> &'static str {
    match role {
        SectionRole::Applicant => {
            "{org}成立于 2012 年，是在中华人民共和国境内注册的独立企业法人，注册地位于{region}，是{space}的建设和运营单位。公司近三年营业收入保持稳定增长，连续多年保持纳税信用 A 级，未发生严重失信行为，具备良好的经济效益和信用状况。"
        }
        SectionRole::Overview => {
            "{space}定位于服务{domain}，以可信管控、资源交互、价值共创为核心能力，连接数据提供方、数据使用方和第三方服务机构，解决数据不敢供、不愿供、不会用的问题，推动数据资源在安全可信的前提下高效流通利用。"
        }
        SectionRole::Goals => {
            "通过两年试点培育，{space}将建成技术先进、规则完善、运营可持续的可信数据空间，形成可复制推广的经验模式。各项目标对照项目要素条件逐项响应，见下方试点目标响应表，并与进度计划逐项对应。"
        }
        SectionRole::Scenarios => {
            "围绕{domain}的实际需求，{space}按照“场景牵引、数据驱动、多方共赢”的思路设计应用场景，每个场景均明确参与主体、数据流向、价值创造方式和推广路径。"
        }
        SectionRole::Tasks => {
            "试点期内，{short}将围绕数据目录与标识、高质量数据集、应用共创、规则制度、互联互通和可持续运营六个方面推进主要任务，各项任务均明确责任部门、时间节点和验收标准。"
        }
        SectionRole::Technical => {
            "{space}采用“一底座、两中心、多应用”的总体架构，由可信基础设施层、数据资源层、流通服务层和应用层组成，全面实现可信管控、资源交互、价值共创、安全管理四项核心功能。空间通过数字身份认证保障参与主体可信任，通过数据标识和存证保障数据来源可确认，通过使用控制策略保障合规使用可保障，通过异议受理机制保障数据异议可处置，通过全链路日志保障权益侵害可追责，并以区块链存证实现数据流通全过程可追溯。"
        }
        SectionRole::Operating => {
            "{space}由{org}作为运营单位，组建专职运营团队，负责参与主体准入认证、合规管理、授权管理与争议处置、计量与收益分配等日常运营工作，并引入数据经纪、数据托管、合规审查、审计清算等第三方专业服务机构，保障空间可持续运营。"
        }
        SectionRole::Milestones => {
            "试点期共 24 个月，按半年划分为四个阶段推进，每个阶段设定明确的阶段性成果和验收指标，确保各项建设任务按期完成。具体安排见下表，并以甘特图直观展示。"
        }
        SectionRole::Outcomes => {
            "试点完成后，{space}预计将带动上下游数百家企业参与数据流通，形成一批可复制推广的数据产品和应用场景，为{domain}的数字化转型提供示范。"
        }
        SectionRole::DataSharing => {
            "{space}建立统一的数据目录和数据标识体系，数据资源通过目录发布、按需查询、授权调用的方式在参与主体之间共享流通，对外开放的数据集和数据产品均在目录中登记。"
        }
        SectionRole::Ecosystem => {
            "{space}按照“共建、共营、共享”的原则设计生态主体合作机制，以收益分成、免费试用、先用后付等激励举措吸引数据提供方、使用方和服务方参与，培育{domain}的数据产业。"
        }
        SectionRole::Interconnection => {
            "{space}将与周边地区和相关行业的可信数据空间开展互联互通探索，在身份互信、规则互认、目录互通和跨空间使用控制等方面形成对接方案。"
        }
        _ => {
            "{org}将建立由主要负责人牵头的试点工作领导小组，统筹推进{space}建设，落实组织、资金、安全与合规等各项保障措施。"
        }
    }
}

/// Sentences for filling paragraphs of a section with the given role.
pub fn sentences(role: SectionRole) -> &'static [&'static str] {
    match role {
        SectionRole::Applicant => &[
            "公司现有员工 {n} 余人，其中研发和数据技术人员占比超过三成。",
            "近三年公司研发投入年均增长 {n}%，累计获得授权专利和软件著作权百余项。",
            "公司已汇聚{domain}相关数据资源 {n} 类，日均新增数据量达到百万条级别。",
            "公司牵头或参与制定行业和团体标准 {n} 项，在行业内具有较强的号召力。",
            "公司已与上下游 {n} 家企业建立长期稳定的数据合作关系。",
            "运营团队由数据治理、平台研发、合规审查和市场推广四个小组构成，核心成员均有五年以上相关经验。",
            "公司建立了覆盖数据全生命周期的数据安全管理制度，并通过数据安全管理能力评估。",
            "公司在{region}设有数据运营中心，为本地企业提供数据接入、治理和应用开发服务。",
        ],
        SectionRole::Overview => &[
            "目前空间已接入参与主体 {n} 家，覆盖数据提供、数据加工、数据应用等多个环节。",
            "空间已登记数据资源目录 {n} 项，并为每项数据资源分配唯一的数据标识。",
            "已上线应用 {n} 个，累计服务调用超过千万次。",
            "前期建设中形成的数据接入规范和接口标准，为试点期的规模化推广打下了基础。",
            "空间已建成统一的身份认证、目录管理和使用控制基础组件，可支撑更多主体快速接入。",
            "空间坚持“原始数据不出域、数据可用不可见”的原则，降低数据提供方的顾虑。",
        ],
        SectionRole::Goals => &[
            "到试点期末，空间接入参与主体数量达到 {n} 家以上。",
            "累计上架数据产品和服务 {n} 个，形成若干高质量数据集。",
            "数据流通交易规模年均增长 {n}% 以上，带动相关产业增加值明显提升。",
            "建成跨空间互联互通能力，与不少于 {n} 个其他可信数据空间实现身份互认和规则互认。",
            "形成一套覆盖准入、授权、计量、分配和争议处置的运营规则体系。",
        ],
        SectionRole::Scenarios => &[
            "场景参与主体包括数据提供方、数据使用方和第三方服务机构，各方权责通过协议和使用控制策略明确约定。",
            "数据在空间内以服务调用或隐私计算方式流动，原始数据不出域，使用过程全程留痕。",
            "场景上线后预计可将业务协同效率提升 {n}% 左右，显著降低各方的沟通和交易成本。",
            "该场景的数据接入规范、合约模板和收益分配规则均已标准化，可在同类企业和地区快速复制。",
            "场景以免费试用、先用后付和应用分成等方式推广，降低中小企业的使用门槛。",
            "通过场景运行积累的数据产品，将进一步丰富空间的数据资源目录，形成良性循环。",
            "场景运行数据将定期开展评估，动态调整数据供给和服务方式。",
        ],
        SectionRole::Tasks => &[
            "建立统一的数据目录和数据标识体系，支持数据资源的查询、发现和调用。",
            "围绕重点场景沉淀高质量数据集 {n} 个，并开展数据质量评估。",
            "搭建多方共同参与的应用开发环境，建设模型库和知识库，支持应用共创。",
            "制定参与主体准入认证和合规管理规则，明确授权管理和争议处置流程。",
            "开展与其他可信数据空间的互联互通，探索跨空间身份互认与规则互认和跨空间使用管控。",
            "建立计量与收益分配机制，开展数据价值动态评估，保障参与各方的合理收益。",
            "组建常态化运营团队，建立运营考核和持续改进机制。",
            "每项任务均明确牵头部门和配合单位，按季度跟踪进展。",
        ],
        SectionRole::Technical => &[
            "可信基础设施层提供数字身份、数据标识、可信存证和隐私计算等基础能力。",
            "流通服务层提供目录发布、合约协商、使用控制和计量结算等服务，实现资源交互。",
            "安全管理采用分级分类保护，对敏感数据实施加密存储、脱敏处理和访问审计。",
            "空间连接器遵循可信数据空间相关技术标准，支持与其他空间的互联互通。",
            "系统采用容器化和微服务架构，支持公有云、私有云和边缘节点等多种部署方式。",
            "轻量化接入组件可在一台普通服务器上部署，中小企业接入成本降低 {n}% 以上。",
            "空间建设将积极采用开源软件，并将通用组件以开源方式回馈社区。",
            "价值共创通过联合建模、数据产品共同开发和收益共享实现。",
        ],
        SectionRole::Operating => &[
            "参与主体须经身份核验和资质审查后方可接入，接入后按信用等级实施动态管理。",
            "数据使用须经数据提供方授权，授权范围、期限和用途在合约中明确约定。",
            "发生数据异议时，由运营团队在 {n} 个工作日内受理并组织调解，必要时提请第三方仲裁。",
            "空间按照数据调用量和产生的价值进行计量，收益按约定比例在数据提供方、加工方和运营方之间分配。",
            "对新接入的中小企业提供三个月免费试用，之后可选择先用后付或应用分成。",
            "运营团队每季度开展数据价值评估，动态调整定价和分配比例。",
            "空间将逐步实现运营收支平衡，试点期末运营收入覆盖运营成本的 {n}% 以上。",
        ],
        SectionRole::Milestones => &[
            "每个阶段结束时组织内部验收，形成阶段总结报告。",
            "如遇进度滞后，将及时调整资源投入并向推荐单位报告。",
            "各阶段成果将作为试点期末验收的重要依据。",
        ],
        SectionRole::Outcomes => &[
            "预计带动相关企业降本增效 {n} 亿元以上。",
            "通过数据共享减少重复采集和重复建设，提升公共服务和产业协同效率。",
            "形成的规则制度、技术方案和运营经验将在同类地区和行业推广复制。",
            "培育一批数据服务企业和专业人才，壮大数据产业生态。",
            "为国家可信数据空间标准体系建设提供实践案例。",
        ],
        SectionRole::DataSharing => &[
            "空间已登记高质量数据集 {n} 个，按开放、有条件开放两类向参与主体提供。",
            "数据资源发布采用统一元数据规范，支持按主题、按提供方和按标识查询。",
            "数据调用全过程留痕，提供方可以随时查看数据的使用情况。",
            "试点期内数据资源开放总量计划实现翻一番。",
            "重点建设面向场景的高质量数据集，开展数据标注和质量评估。",
        ],
        SectionRole::Ecosystem => &[
            "空间已接入上下游企业和生态合作企业 {n} 家，覆盖数据提供、加工和应用环节。",
            "对新接入的中小企业提供三个月免费试用和接入辅导。",
            "引入数据经纪、合规审查、审计清算等第三方服务机构 {n} 家。",
            "按数据贡献和使用量计量分配收益，激励参与主体持续供给数据。",
            "联合高校和科研院所开展数据人才培训，每年培训 {n} 百人次。",
        ],
        SectionRole::Interconnection => &[
            "采用国家可信数据空间相关标准的身份和接口规范，降低对接成本。",
            "与相邻空间互认参与主体的数字身份和准入认证结果。",
            "跨空间调用数据时执行双方约定的使用控制策略。",
            "试点期内完成与 {n} 个外部数据空间的对接测试。",
        ],
        _ => &[
            "领导小组每月召开一次推进会，协调解决试点中的重大问题。",
            "试点资金按投资计划明细表分年度落实，并积极争取配套支持。",
            "建立数据安全事件应急预案，定期开展应急演练。",
            "聘请法律和合规顾问，对空间规则和重要合约进行合规审查。",
            "针对技术、市场和合规风险分别制定应对措施，确保试点平稳推进。",
        ],
    }
}

/// The fill-in slots of a sentence.
pub fn fill(text: &str, p: &Profile, mut number: impl FnMut() -> u32) -> String {
    let mut out = text
        .replace("{space}", p.space)
        .replace("{org}", p.org)
        .replace("{short}", p.short)
        .replace("{domain}", p.domain)
        .replace("{region}", p.region);
    while let Some(i) = out.find("{n}") {
        out.replace_range(i..i + 3, &number().to_string());
    }
    out
}
