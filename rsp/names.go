package rsp

import (
	"strings"

	"github.com/rspengine/rspengine/asn1der"
)

// This file is a small schema of the SGP.22 v2.5 / SGP.32 v1.2 messages and of
// X.509 certificates: for each known type its name and, for constructed
// types, the names of its children by tag (and by position where one tag
// repeats, as in X.509). It names what a dump prints; it does not validate.
// Sources: RSP-FACTS §2.1 (SGP.22 ASN.1), §2.4 (SGP.32 ASN.1), §2.7 (how
// AUTOMATIC TAGS turn into bytes), §2.8 (top-level tag map), §5 (certificate
// profiles and role OIDs), and RFC 5280 §4.1 for the certificate structure.

// ValueKind says how a dump should show a primitive value.
type ValueKind uint8

// The kinds of primitive values the schema distinguishes.
const (
	ValueUnknown ValueKind = iota // decide from the universal tag, else hex
	ValueOctets                   // hex
	ValueInteger                  // INTEGER or ENUMERATED
	ValueBoolean                  // BOOLEAN
	ValueNull                     // NULL
	ValueText                     // UTF8String and the other character strings
	ValueOID                      // OBJECT IDENTIFIER
	ValueBits                     // BIT STRING, with Bits naming the bits
	ValueTime                     // UTCTime or GeneralizedTime
	ValueVersion                  // VersionType: three octets major.minor.revision
	ValueICCID                    // Iccid: 10 octets, swapped-nibble BCD, F padding
	ValueEID                      // EID: 16 octets, 32 decimal digits
	ValueSKI                      // SubjectKeyIdentifier / CI PKID (hex)
)

// Schema is one node of the schema.
type Schema struct {
	Name   string    // the ASN.1 type name ("AuthenticateServerResponse"); may be empty
	Kind   ValueKind // for primitives
	Bits   []string  // named bits of a ValueBits value, bit 0 first
	Values map[int64]string
	Fields []SchemaField // children of a SEQUENCE, SET or CHOICE, by tag
	Of     *SchemaField  // element of a SEQUENCE OF / SET OF (any tag)
	Alts   []SchemaAlt   // variants sharing one tag (request and response forms)
}

// SchemaField names one child of a constructed type.
type SchemaField struct {
	Tag  asn1der.Tag
	Pos  int // position among the siblings, or -1 for any position
	Name string
	Type *Schema
}

// SchemaAlt is a variant of a type that shares its tag with others, told apart by
// the tag of the first child (0 when there is none) and, when Has is not 0,
// by the presence of a child with that tag.
type SchemaAlt struct {
	First asn1der.Tag
	Has   asn1der.Tag
	Type  *Schema
}

// Child returns the name and type of the child with the given tag at the
// given position (0-based) among its siblings; "" and nil when the schema does
// not know it. index -1 matches any position.
func (t *Schema) Child(tag asn1der.Tag, index int) (string, *Schema) {
	if t == nil {
		return "", nil
	}
	if t.Of != nil && (t.Of.Tag == 0 || t.Of.Tag == tag) {
		return t.Of.Name, t.Of.Type
	}
	for i := range t.Fields {
		if f := &t.Fields[i]; f.Tag == tag && f.Pos >= 0 && f.Pos == index {
			return f.Name, f.Type
		}
	}
	for i := range t.Fields {
		if f := &t.Fields[i]; f.Tag == tag && (f.Pos < 0 || index < 0) {
			return f.Name, f.Type
		}
	}
	return "", nil
}

// Variant picks the variant of t that matches its children's tags (in
// order); t itself when it has no variants or none matches.
func (t *Schema) Variant(children []asn1der.Tag) *Schema {
	if t == nil || len(t.Alts) == 0 {
		return t
	}
	var first asn1der.Tag
	if len(children) > 0 {
		first = children[0]
	}
	for _, a := range t.Alts {
		if a.First != first {
			continue
		}
		if a.Has != 0 && !scContainsTag(children, a.Has) {
			continue
		}
		return a.Type
	}
	return t
}

func scContainsTag(ts []asn1der.Tag, t asn1der.Tag) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// ChildName returns the schema name of tag at position index under the chain
// of parent tags parentPath (outermost first; empty for a top-level object).
// Parents are resolved by tag alone (their positions are not known here), so
// for X.509 bodies, where one tag repeats, prefer walking with [Schema.Child].
// It returns "" when the schema does not know the element.
func ChildName(parentPath []asn1der.Tag, tag asn1der.Tag, index int) string {
	t := MessageSchema
	for _, p := range parentPath {
		_, t = t.Child(p, -1)
		if t == nil {
			return ""
		}
	}
	name, _ := t.Child(tag, index)
	return name
}

// ---- building blocks -------------------------------------------------------

func scPrim(k ValueKind) *Schema { return &Schema{Kind: k} }

var (
	scOctets    = scPrim(ValueOctets)
	scInteger   = scPrim(ValueInteger)
	scBool      = scPrim(ValueBoolean)
	scNull      = scPrim(ValueNull)
	scText      = scPrim(ValueText)
	scOID       = scPrim(ValueOID)
	scTime      = scPrim(ValueTime)
	scVersion   = &Schema{Name: "VersionType", Kind: ValueVersion}
	scICCID     = &Schema{Name: "Iccid", Kind: ValueICCID}
	scEID       = &Schema{Name: "EID", Kind: ValueEID}
	scSKI       = &Schema{Name: "SubjectKeyIdentifier", Kind: ValueSKI}
	scBitString = scPrim(ValueBits)
)

// f is a field at any position; fp one at a fixed position.
func scF(tag asn1der.Tag, name string, t *Schema) SchemaField {
	return SchemaField{Tag: tag, Pos: -1, Name: name, Type: t}
}
func scFP(tag asn1der.Tag, pos int, name string, t *Schema) SchemaField {
	return SchemaField{Tag: tag, Pos: pos, Name: name, Type: t}
}

func scSeq(name string, fields ...SchemaField) *Schema { return &Schema{Name: name, Fields: fields} }

func scSeqOf(name string, tag asn1der.Tag, elemName string, elem *Schema) *Schema {
	return &Schema{Name: name, Of: &SchemaField{Tag: tag, Pos: -1, Name: elemName, Type: elem}}
}

func scBits(name string, names ...string) *Schema {
	return &Schema{Name: name, Kind: ValueBits, Bits: names}
}

func scInt(name string, kv map[int64]string) *Schema {
	return &Schema{Name: name, Kind: ValueInteger, Values: kv}
}

// alts builds a type whose variants are told apart by their children.
func scAlts(name string, as ...SchemaAlt) *Schema { return &Schema{Name: name, Alts: as} }

// ---- named bits and integers ----------------------------------------------

var (
	scNotificationEvent = scBits("NotificationEvent", "notificationInstall", "notificationEnable", "notificationDisable", "notificationDelete")
	scPprIds            = scBits("PprIds", "pprUpdateControl", "ppr1", "ppr2")
	scRspCapability     = scBits("RspCapability", "additionalProfile", "crlSupport", "rpmSupport", "testProfileSupport",
		"deviceInfoExtensibilitySupport", "serviceSpecificDataSupport", "", "", "", "", "", "", "", "", "", "", "", "", "",
		"osUpdateSupport", "", "", "", "", "", "", "iotSpecificMetadataSupport", "mslCheckSupport", "rspServerTestProfileAllowlistCheckSupport")
	scUICCCapability = scBits("UICCCapability", "contactlessSupport", "usimSupport", "isimSupport", "csimSupport",
		"akaMilenage", "akaCave", "akaTuak128", "akaTuak256", "usimTestAlgorithm", "rfu2", "gbaAuthenUsim", "gbaAuthenISim",
		"mbmsAuthenUsim", "eapClient", "javacard", "multos", "multipleUsimSupport", "multipleIsimSupport", "multipleCsimSupport",
		"berTlvFileSupport", "dfLinkSupport", "catTp", "getIdentity", "profile-a-x25519", "profile-b-p256", "suciCalculatorApi",
		"dns-resolution", "scp11ac", "scp11c-authorization-mechanism", "s16mode", "eaka", "iotminimal")
	scTreProperties  = scBits("", "isDiscrete", "isIntegrated", "usesRemoteMemory")
	scResetOptions22 = scBits("", "deleteOperationalProfiles", "deleteFieldLoadedTestProfiles", "resetDefaultSmdpAddress")
	scResetOptions32 = scBits("", "deleteOperationalProfiles", "deleteFieldLoadedTestProfiles", "resetDefaultSmdpAddress",
		"deletePreLoadedTestProfiles", "deleteProvisioningProfiles", "resetEimConfigData", "resetImmediateEnableConfig")
	scKeyUsage = scBits("KeyUsage", "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
		"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly")

	scProfileClass = scInt("ProfileClass", map[int64]string{0: "test", 1: "provisioning", 2: "operational"})
	scProfileState = scInt("ProfileState", map[int64]string{0: "disabled", 1: "enabled"})
	scIconType     = scInt("IconType", map[int64]string{0: "jpg", 1: "png"})
	scBppCommandID = scInt("BppCommandId", map[int64]string{0: "initialiseSecureChannel", 1: "configureISDP",
		2: "storeMetadata", 3: "storeMetadata2", 4: "replaceSessionKeys", 5: "loadProfileElements"})
	scErrorReason = scInt("ErrorReason", map[int64]string{1: "incorrectInputValues", 2: "invalidSignature",
		3: "invalidTransactionId", 4: "unsupportedCrtValues", 5: "unsupportedRemoteOperationType", 6: "unsupportedProfileClass",
		7: "scp03tStructureError", 8: "scp03tSecurityError", 9: "installFailedDueToIccidAlreadyExistsOnEuicc",
		10: "installFailedDueToInsufficientMemoryForProfile", 11: "installFailedDueToInterruption",
		12: "installFailedDueToPEProcessingError", 13: "installFailedDueToDataMismatch",
		14: "testProfileInstallFailedDueToInvalidNaaKey", 15: "pprNotAllowed", 127: "installFailedDueToUnknownError"})
	scCancelReason = scInt("CancelSessionReason", map[int64]string{0: "endUserRejection", 1: "postponed", 2: "timeout",
		3: "pprNotAllowed", 4: "metadataMismatch", 5: "loadBppExecutionError", 127: "undefinedReason"})
	scAuthErrorCode = scInt("AuthenticateErrorCode", map[int64]string{1: "invalidCertificate", 2: "invalidSignature",
		3: "unsupportedCurve", 4: "noSessionContext", 5: "invalidOid", 6: "euiccChallengeMismatch", 7: "ciPKUnknown", 127: "undefinedError"})
	scDownloadErrorCode = scInt("DownloadErrorCode", map[int64]string{1: "invalidCertificate", 2: "invalidSignature",
		3: "unsupportedCurve", 4: "noSessionContext", 5: "invalidTransactionId", 127: "undefinedError"})
	scSimpleResult = scInt("", map[int64]string{0: "ok", 1: "iccidOrAidNotFound", 2: "profileNotInRequiredState",
		3: "disallowedByPolicy", 4: "wrongProfileReenabling", 5: "catBusy", 6: "fallbackNotAvailable", 7: "commandError",
		8: "ecallNotAvailable", 20: "rollbackNotAvailable", 21: "returnFallbackProfile", 104: "ecallActive", 127: "undefinedError"})
)

// ---- X.509 (RFC 5280 §4.1) -------------------------------------------------

var (
	scAlgorithmIdentifier = scSeq("AlgorithmIdentifier", scFP(asn1der.TagOID, 0, "algorithm", scOID), scFP(asn1der.TagOID, 1, "parameters", scOID))
	scAttributeTypeValue  = scSeq("AttributeTypeAndValue", scFP(asn1der.TagOID, 0, "type", scOID))
	scName                = scSeqOf("Name", asn1der.TagSet, "RelativeDistinguishedName",
		scSeqOf("RelativeDistinguishedName", asn1der.TagSequence, "AttributeTypeAndValue", scAttributeTypeValue))
	scValidity = scSeq("Validity", scFP(asn1der.TagUTCTime, 0, "notBefore", scTime), scFP(asn1der.TagGeneralizedTime, 0, "notBefore", scTime),
		scFP(asn1der.TagUTCTime, 1, "notAfter", scTime), scFP(asn1der.TagGeneralizedTime, 1, "notAfter", scTime))
	scSPKI = scSeq("SubjectPublicKeyInfo", scFP(asn1der.TagSequence, 0, "algorithm", scAlgorithmIdentifier),
		scFP(asn1der.TagBitString, 1, "subjectPublicKey", scBitString))
	scExtension = scSeq("Extension", scFP(asn1der.TagOID, 0, "extnID", scOID), scF(asn1der.TagBoolean, "critical", scBool),
		scF(asn1der.TagOctetString, "extnValue", scOctets))
	scTBSCertificate = scSeq("TBSCertificate",
		scF(0xA0, "version", scSeq("", scF(asn1der.TagInteger, "version", scInt("Version", map[int64]string{0: "v1", 1: "v2", 2: "v3"})))),
		scF(asn1der.TagInteger, "serialNumber", scInteger),
		scFP(asn1der.TagSequence, 2, "signature", scAlgorithmIdentifier),
		scFP(asn1der.TagSequence, 3, "issuer", scName),
		scFP(asn1der.TagSequence, 4, "validity", scValidity),
		scFP(asn1der.TagSequence, 5, "subject", scName),
		scFP(asn1der.TagSequence, 6, "subjectPublicKeyInfo", scSPKI),
		scF(0x81, "issuerUniqueID", scBitString), scF(0x82, "subjectUniqueID", scBitString),
		scF(0xA3, "extensions", scSeq("", scF(asn1der.TagSequence, "extensions", scSeqOf("Extensions", asn1der.TagSequence, "Extension", scExtension)))))
	// Certificate is an X.509 certificate (RFC 5280 §4.1.1).
	scCertificate = scSeq("Certificate", scFP(asn1der.TagSequence, 0, "tbsCertificate", scTBSCertificate),
		scFP(asn1der.TagSequence, 1, "signatureAlgorithm", scAlgorithmIdentifier),
		scFP(asn1der.TagBitString, 2, "signatureValue", scBitString))
)

// ---- SGP.22 v2.5 (RSP-FACTS §2.1) -----------------------------------------

var (
	scPKIDList = scSeqOf("", asn1der.TagOctetString, "SubjectKeyIdentifier", scSKI)

	scEUICCInfo1 = scSeq("EUICCInfo1", scF(0x82, "svn", scVersion),
		scF(0xA9, "euiccCiPKIdListForVerification", scPKIDList), scF(0xAA, "euiccCiPKIdListForSigning", scPKIDList))

	scEUICCInfo2 = scSeq("EUICCInfo2",
		scF(0x81, "profileVersion", scVersion), scF(0x82, "svn", scVersion), scF(0x83, "euiccFirmwareVer", scVersion),
		scF(0x84, "extCardResource", scOctets), scF(0x85, "uiccCapability", scUICCCapability),
		scF(0x86, "ts102241Version", scVersion), scF(0x87, "globalplatformVersion", scVersion),
		scF(0x88, "rspCapability", scRspCapability),
		scF(0xA9, "euiccCiPKIdListForVerification", scPKIDList), scF(0xAA, "euiccCiPKIdListForSigning", scPKIDList),
		scF(0x8B, "euiccCategory", scInt("", map[int64]string{0: "other", 1: "basicEuicc", 2: "mediumEuicc", 3: "contactlessEuicc"})),
		scF(0x99, "forbiddenProfilePolicyRules", scPprIds),
		scF(asn1der.TagOctetString, "ppVersion", scVersion),
		scF(asn1der.TagUTF8String, "sasAcreditationNumber", scText),
		scF(0xAC, "certificationDataObject", scSeq("CertificationDataObject",
			scFP(asn1der.TagUTF8String, 0, "platformLabel", scText), scFP(asn1der.TagUTF8String, 1, "discoveryBaseURL", scText))),
		scF(0x8D, "treProperties", scTreProperties), scF(0x8E, "treProductReference", scText),
		scF(0xAF, "additionalEuiccProfilePackageVersions", scSeqOf("", asn1der.TagOctetString, "VersionType", scVersion)),
		scF(0x90, "ipaMode/lpaMode", scInt("IpaMode", map[int64]string{0: "ipad", 1: "ipae"})),
		scF(0xB1, "euiccCiPKIdListForSigningV3", scPKIDList),
		scF(0x92, "additionalEuiccInfo", scOctets), scF(0x93, "highestSvn", scVersion),
		scF(0xB4, "iotSpecificInfo", scSeq("IoTSpecificInfo",
			scF(0xA0, "iotVersion", scSeqOf("", asn1der.TagOctetString, "VersionType", scVersion)),
			scF(0x81, "ecallSupported", scNull), scF(0x82, "fallbackSupported", scNull))),
		scF(0x95, "euiccMinimumSecurityLevel", scOctets))

	scDeviceInfo = scSeq("DeviceInfo", scF(0x80, "tac", scOctets),
		scF(0xA1, "deviceCapabilities", scSeq("DeviceCapabilities",
			scF(0x80, "gsmSupportedRelease", scVersion), scF(0x81, "utranSupportedRelease", scVersion),
			scF(0x82, "cdma2000onexSupportedRelease", scVersion), scF(0x83, "cdma2000hrpdSupportedRelease", scVersion),
			scF(0x84, "cdma2000ehrpdSupportedRelease", scVersion), scF(0x85, "eutranEpcSupportedRelease", scVersion),
			scF(0x86, "contactlessSupportedRelease", scVersion), scF(0x87, "rspCrlSupportedVersion", scVersion),
			scF(0x88, "nrEpcSupportedRelease", scVersion), scF(0x89, "nr5gcSupportedRelease", scVersion),
			scF(0x8A, "eutran5gcSupportedRelease", scVersion), scF(0x8B, "lpaSvn", scVersion),
			scF(0x8C, "catSupportedClasses", scBitString), scF(0x8D, "euiccFormFactorType", scInteger),
			scF(0xAE, "deviceAdditionalFeatureSupport", scSeq("DeviceAdditionalFeatureSupport",
				scF(0x80, "naiSupport", scVersion), scF(0x81, "groupOfDeviceManufacturerOid", scOID))))),
		scF(0x82, "imei", scOctets))

	// CtxParams1 is a CHOICE; its one alternative is automatically tagged [0].
	scCtxParamsCommon = scSeq("CtxParamsForCommonAuthentication", scF(0x80, "matchingId", scText), scF(0xA1, "deviceInfo", scDeviceInfo))

	scServerSigned1 = scSeq("ServerSigned1", scF(0x80, "transactionId", scOctets), scF(0x81, "euiccChallenge", scOctets),
		scF(0x83, "serverAddress", scText), scF(0x84, "serverChallenge", scOctets),
		scF(0xA5, "sessionContext", nil), scF(0x86, "serverRspCapability", scBitString))

	scEuiccSigned1 = scSeq("EuiccSigned1", scF(0x80, "transactionId", scOctets), scF(0x83, "serverAddress", scText),
		scF(0x84, "serverChallenge", scOctets), scF(0xBF22, "euiccInfo2", scEUICCInfo2),
		scF(0xA0, "ctxParams1", scCtxParamsCommon))

	scAuthenticateServerRequest = scSeq("AuthenticateServerRequest",
		scFP(asn1der.TagSequence, 0, "serverSigned1", scServerSigned1),
		scF(0x5F37, "serverSignature1", scOctets),
		scF(asn1der.TagOctetString, "euiccCiPKIdToBeUsed", scSKI),
		scFP(asn1der.TagSequence, 3, "serverCertificate", scCertificate),
		scF(0xA0, "ctxParams1", scCtxParamsCommon))

	scAuthenticateResponseOk = scSeq("AuthenticateResponseOk",
		scFP(asn1der.TagSequence, 0, "euiccSigned1", scEuiccSigned1),
		scF(0x5F37, "euiccSignature1", scOctets),
		scFP(asn1der.TagSequence, 2, "euiccCertificate", scCertificate),
		scFP(asn1der.TagSequence, 3, "eumCertificate", scCertificate))
	scAuthenticateResponseError = scSeq("AuthenticateResponseError", scF(0x80, "transactionId", scOctets),
		scF(asn1der.TagInteger, "authenticateErrorCode", scAuthErrorCode))
	scCompactAuthenticateResponseOk = scSeq("CompactAuthenticateResponseOk",
		scF(asn1der.TagSequence, "euiccSigned1", scEuiccSigned1),
		scF(0xA0, "compactEuiccSigned1", scSeq("CompactEuiccSigned1", scF(0x84, "extCardResource", scOctets),
			scF(0xA2, "ctxParams1", scSeq("CtxParams1", scF(0xA0, "ctxParamsForCommonAuthentication", scCtxParamsCommon))))),
		scF(0x5F37, "euiccSignature1", scOctets),
		scF(0xA1, "euiccCertificate", scSeq("", scF(asn1der.TagSequence, "Certificate", scCertificate))),
		scF(0xA2, "eumCertificate", scSeq("", scF(asn1der.TagSequence, "Certificate", scCertificate))))
	scAuthenticateServerResponse = scSeq("AuthenticateServerResponse",
		scF(0xA0, "authenticateResponseOk", scAuthenticateResponseOk),
		scF(0xA1, "authenticateResponseError", scAuthenticateResponseError),
		scF(0xA2, "compactAuthenticateResponseOk", scCompactAuthenticateResponseOk))

	scInitiateAuthenticationRequest = scSeq("InitiateAuthenticationRequest", scF(0x81, "euiccChallenge", scOctets),
		scF(0x83, "smdpAddress", scText), scF(0xBF20, "euiccInfo1", scEUICCInfo1))
	scInitiateAuthenticationOk = scSeq("InitiateAuthenticationOkEs9", scF(0x80, "transactionId", scOctets),
		scFP(asn1der.TagSequence, 1, "serverSigned1", scServerSigned1),
		scF(0x5F37, "serverSignature1", scOctets),
		scF(asn1der.TagOctetString, "euiccCiPKIdToBeUsed", scSKI),
		scFP(asn1der.TagSequence, 4, "serverCertificate", scCertificate))
	scInitiateAuthenticationResponse = scSeq("InitiateAuthenticationResponse",
		scF(0xA0, "initiateAuthenticationOk", scInitiateAuthenticationOk),
		scF(0x81, "initiateAuthenticationError", scInt("", map[int64]string{1: "invalidDpAddress", 2: "euiccVersionNotSupportedByDp", 3: "ciPKNotSupported"})))

	scIccidOrAid = []SchemaField{scF(0x4F, "isdpAid", scOctets), scF(0x5A, "iccid", scICCID)}

	scOperatorID = scSeq("OperatorId", scF(0x80, "mccMnc", scOctets), scF(0x81, "gid1", scOctets), scF(0x82, "gid2", scOctets))
	scNotifCfg   = scSeqOf("", asn1der.TagSequence, "NotificationConfigurationInformation", scSeq("NotificationConfigurationInformation",
		scF(asn1der.TagBitString, "profileManagementOperation", scNotificationEvent), scF(asn1der.TagUTF8String, "notificationAddress", scText)))
	scVendorExt = scSeqOf("VendorSpecificExtension", asn1der.TagSequence, "", scSeq("", scF(0x80, "vendorOid", scOID), scF(0xA1, "vendorSpecificData", nil)))
	scDpProp    = scSeq("DpProprietaryData", scF(asn1der.TagOID, "dpOid", scOID))

	scStoreMetadataRequest = scSeq("StoreMetadataRequest", scF(0x5A, "iccid", scICCID),
		scF(0x91, "serviceProviderName", scText), scF(0x92, "profileName", scText), scF(0x93, "iconType", scIconType),
		scF(0x94, "icon", scOctets), scF(0x95, "profileClass", scProfileClass),
		scF(0xB6, "notificationConfigurationInfo", scNotifCfg), scF(0xB7, "profileOwner", scOperatorID),
		scF(0x99, "profilePolicyRules", scPprIds), scF(0xBF22, "serviceSpecificDataStoredInEuicc", scVendorExt),
		scF(0xBF23, "serviceSpecificDataNotStoredInEuicc", scVendorExt), scF(0x9F7B, "ecallIndication", scBool),
		scF(0x9F67, "fallbackAllowed", scBool), scF(0xBF64, "iotSpecificMetadata", nil))

	scSmdpSigned2 = scSeq("SmdpSigned2", scF(0x80, "transactionId", scOctets), scF(asn1der.TagBoolean, "ccRequiredFlag", scBool),
		scF(0x5F49, "bppEuiccOtpk", scOctets))
	scAuthenticateClientOk = scSeq("AuthenticateClientOk", scF(0x80, "transactionId", scOctets),
		scF(0xBF25, "profileMetaData", scStoreMetadataRequest), scFP(asn1der.TagSequence, 2, "smdpSigned2", scSmdpSigned2),
		scF(0x5F37, "smdpSignature2", scOctets), scF(asn1der.TagSequence, "smdpCertificate", scCertificate))

	scEuiccSigned2 = scSeq("EUICCSigned2", scF(0x80, "transactionId", scOctets), scF(0x5F49, "euiccOtpk", scOctets),
		scF(asn1der.TagOctetString, "hashCc", scOctets))
	scPrepareDownloadRequest = scSeq("PrepareDownloadRequest", scFP(asn1der.TagSequence, 0, "smdpSigned2", scSmdpSigned2),
		scF(0x5F37, "smdpSignature2", scOctets), scF(asn1der.TagOctetString, "hashCc", scOctets),
		scF(asn1der.TagSequence, "smdpCertificate", scCertificate))
	scPrepareDownloadResponse = scSeq("PrepareDownloadResponse",
		scF(0xA0, "downloadResponseOk", scSeq("PrepareDownloadResponseOk", scF(asn1der.TagSequence, "euiccSigned2", scEuiccSigned2),
			scF(0x5F37, "euiccSignature2", scOctets))),
		scF(0xA1, "downloadResponseError", scSeq("PrepareDownloadResponseError", scF(0x80, "transactionId", scOctets),
			scF(asn1der.TagInteger, "downloadErrorCode", scDownloadErrorCode))),
		scF(0xA2, "compactDownloadResponseOk", scSeq("CompactPrepareDownloadResponseOk",
			scF(asn1der.TagSequence, "compactEuiccSigned2", scSeq("CompactEuiccSigned2", scF(0x5F49, "euiccOtpk", scOctets),
				scF(asn1der.TagOctetString, "hashCc", scOctets))),
			scF(0x5F37, "euiccSignature2", scOctets))))

	scInitialiseSecureChannelRequest = scSeq("InitialiseSecureChannelRequest",
		scF(0x82, "remoteOpId", scInt("RemoteOpId", map[int64]string{1: "installBoundProfilePackage"})),
		scF(0x80, "transactionId", scOctets),
		scF(0xA6, "controlRefTemplate", scSeq("ControlRefTemplate", scF(0x80, "keyType", scOctets), scF(0x81, "keyLen", scOctets),
			scF(0x84, "hostId", scOctets))),
		scF(0x5F49, "smdpOtpk", scOctets), scF(0x5F37, "smdpSign", scOctets))
	scConfigureISDPRequest = scSeq("ConfigureISDPRequest", scF(0xB8, "dpProprietaryData", scDpProp))
	scReplaceSessionKeys   = scSeq("ReplaceSessionKeysRequest", scF(0x80, "initialMacChainingValue", scOctets),
		scF(0x81, "ppkEnc", scOctets), scF(0x82, "ppkCmac", scOctets))
	scBoundProfilePackage = scSeq("BoundProfilePackage",
		scF(0xBF23, "initialiseSecureChannelRequest", scInitialiseSecureChannelRequest),
		scF(0xA0, "firstSequenceOf87", scSeqOf("", 0x87, "configureISDP/storeMetadata segment (87)", scOctets)),
		scF(0xA1, "sequenceOf88", scSeqOf("", 0x88, "storeMetadata segment (88)", scOctets)),
		scF(0xA2, "secondSequenceOf87", scSeqOf("", 0x87, "replaceSessionKeys segment (87)", scOctets)),
		scF(0xA3, "sequenceOf86", scSeqOf("", 0x86, "profile element segment (86)", scOctets)))

	scNotificationMetadata = scSeq("NotificationMetadata", scF(0x80, "seqNumber", scInteger),
		scF(0x81, "profileManagementOperation", scNotificationEvent),
		scF(asn1der.TagUTF8String, "notificationAddress", scText), scF(0x5A, "iccid", scICCID))

	scErrorResult = scSeq("ErrorResult", scF(0x80, "bppCommandId", scBppCommandID), scF(0x81, "errorReason", scErrorReason),
		scF(0x82, "simaResponse", scOctets))
	scProfileInstallationResultData = scSeq("ProfileInstallationResultData", scF(0x80, "transactionId", scOctets),
		scF(0xBF2F, "notificationMetadata", scNotificationMetadata), scF(asn1der.TagOID, "smdpOid", scOID),
		scF(0xA2, "finalResult", scSeq("",
			scF(0xA0, "successResult", scSeq("SuccessResult", scF(0x4F, "aid", scOctets), scF(asn1der.TagOctetString, "simaResponse", scOctets))),
			scF(0xA1, "errorResult", scErrorResult))))
	scProfileInstallationResult = scSeq("ProfileInstallationResult",
		scF(0xBF27, "profileInstallationResultData", scProfileInstallationResultData),
		scF(0x5F37, "euiccSignPIR", scOctets))
	scOtherSignedNotification = scSeq("OtherSignedNotification",
		scF(0xBF2F, "tbsOtherNotification", scNotificationMetadata),
		scF(0x5F37, "euiccNotificationSignature", scOctets),
		scFP(asn1der.TagSequence, 2, "euiccCertificate", scCertificate),
		scFP(asn1der.TagSequence, 3, "eumCertificate", scCertificate))
	scCompactPIR = scSeq("CompactProfileInstallationResult",
		scF(0xA0, "compactProfileInstallationResultData", scSeq("CompactProfileInstallationResultData",
			scF(0x80, "transactionId", scOctets), scF(asn1der.TagInteger, "seqNumber", scInteger),
			scF(asn1der.TagBoolean, "iccidPresent", scBool),
			scF(0xA2, "compactFinalResult", scSeq("",
				scF(asn1der.TagSequence, "compactSuccessResult", scSeq("CompactSuccessResult", scF(0x4F, "compactAid", scOctets),
					scF(asn1der.TagOctetString, "simaResponse", scOctets))),
				scF(0xA1, "errorResult", scErrorResult))))),
		scF(0x5F37, "euiccSignPIR", scOctets))
	scCompactOther = scSeq("CompactOtherSignedNotification", scF(0x5A, "eidValue", scEID),
		scF(0xBF2F, "tbsOtherNotification", scNotificationMetadata), scF(0x5F37, "euiccNotificationSignature", scOctets))
	// scPendingNotificationFields are the alternatives of PendingNotification
	// (SGP.22 §2.1.6, SGP.32 compact forms §2.4.6).
	scPendingNotificationFields = []SchemaField{
		scF(0xBF37, "profileInstallationResult", scProfileInstallationResult),
		scF(asn1der.TagSequence, "otherSignedNotification", scOtherSignedNotification),
		scF(0xA0, "compactProfileInstallationResult", scCompactPIR),
		scF(0xA1, "compactOtherSignedNotification", scCompactOther),
	}

	scProfileInfo = scSeq("ProfileInfo", scF(0x5A, "iccid", scICCID), scF(0x4F, "isdpAid", scOctets),
		scF(0x9F70, "profileState", scProfileState), scF(0x90, "profileNickname", scText),
		scF(0x91, "serviceProviderName", scText), scF(0x92, "profileName", scText), scF(0x93, "iconType", scIconType),
		scF(0x94, "icon", scOctets), scF(0x95, "profileClass", scProfileClass),
		scF(0xB6, "notificationConfigurationInfo", scNotifCfg), scF(0xB7, "profileOwner", scOperatorID),
		scF(0xB8, "dpProprietaryData", scDpProp), scF(0x99, "profilePolicyRules", scPprIds),
		scF(0xBF22, "serviceSpecificDataStoredInEuicc", scVendorExt), scF(0x9F7B, "ecallIndication", scBool),
		scF(0x9F26, "fallbackAttribute", scBool), scF(0x9F67, "fallbackAllowed", scBool), scF(0xBF64, "iotSpecificProfileInfo", nil))
	scProfileInfoList = scSeq("ProfileInfoList",
		// Request: searchCriteria [0] CHOICE (explicit), tagList 5C, iotSpecificTagList 5D.
		// Response: profileInfoListOk [0] SEQUENCE OF ProfileInfo (E3), profileInfoListError [1].
		scF(0xA0, "searchCriteria / profileInfoListOk", scSeq("",
			scF(0x4F, "isdpAid", scOctets), scF(0x5A, "iccid", scICCID), scF(0x95, "profileClass", scProfileClass),
			scF(0xE3, "ProfileInfo", scProfileInfo))),
		scF(0x5C, "tagList", scOctets), scF(0x5D, "iotSpecificTagList", scOctets),
		scF(0x81, "profileInfoListError", scInt("", map[int64]string{1: "incorrectInputValues", 11: "profileChangeOngoing", 127: "undefinedError"})))

	scRefreshOnly = func(name, resultName string) *Schema {
		return scAlts(name,
			SchemaAlt{First: asn1der.TagBoolean, Type: scSeq(name+"Request", scF(asn1der.TagBoolean, "refreshFlag", scBool))},
			SchemaAlt{First: 0x80, Type: scSeq(name+"Response", scF(0x80, resultName, scSimpleResult))})
	}

	scCancelSessionSigned = scSeq("EuiccCancelSessionSigned", scF(0x80, "transactionId", scOctets), scF(0x81, "smdpOid", scOID),
		scF(0x82, "reason", scCancelReason))
	scCancelSessionResponse = scSeq("CancelSessionResponse",
		scF(0xA0, "cancelSessionResponseOk", scSeq("CancelSessionResponseOk",
			scF(asn1der.TagSequence, "euiccCancelSessionSigned", scCancelSessionSigned),
			scF(0x5F37, "euiccCancelSessionSignature", scOctets))),
		scF(0x81, "cancelSessionResponseError", scInt("", map[int64]string{1: "invalidTransactionId", 2: "euiccSignatureInvalid", 5: "invalidTransactionId", 127: "undefinedError"})),
		scF(0xA2, "compactCancelSessionResponseOk", scSeq("CompactCancelSessionResponseOk",
			scF(asn1der.TagSequence, "compactEuiccCancelSessionSigned", scSeq("CompactEuiccCancelSessionSigned", scF(0x80, "reason", scCancelReason))),
			scF(0x5F37, "euiccCancelSessionSignature", scOctets))))
)

// ---- SGP.32 v1.2 eUICC Packages (RSP-FACTS §2.4.1, §2.4.2) -------------------

var (
	scIccidSeq          = scSeq("", scF(0x5A, "iccid", scICCID), scF(asn1der.TagNull, "rollbackFlag", scNull))
	scEimConfigurationD = scSeq("EimConfigurationData", scF(0x80, "eimId", scText), scF(0x81, "eimFqdn", scText),
		scF(0x82, "eimIdType", scInt("EimIdType", map[int64]string{1: "eimIdTypeOid", 2: "eimIdTypeFqdn", 3: "eimIdTypeProprietary"})),
		scF(0x83, "counterValue", scInteger), scF(0x84, "associationToken", scInteger),
		scF(0xA5, "eimPublicKeyData", scSeq("", scFP(asn1der.TagSequence, 0, "eimPublicKey / eimCertificate", nil))),
		scF(0xA6, "trustedPublicKeyDataTls", scSeq("", scFP(asn1der.TagSequence, 0, "trustedEimPkTls / trustedCertificateTls", nil))),
		scF(0x87, "eimSupportedProtocol", scBits("EimSupportedProtocol", "eimRetrieveHttps", "eimRetrieveCoaps", "eimInjectHttps", "eimInjectCoaps", "eimProprietary")),
		scF(0x88, "euiccCiPKId", scSKI), scF(0x89, "indirectProfileDownload", scNull))
	scPsmoList = scSeq("psmoList",
		scF(0xA3, "enable", scIccidSeq), scF(0xA4, "disable", scIccidSeq), scF(0xA5, "delete", scIccidSeq),
		scF(0xBF2D, "listProfileInfo", scProfileInfoList), scF(0xA6, "getRAT", scSeq("")),
		scF(0xA7, "configureImmediateEnable", scSeq("", scF(0x80, "immediateEnableFlag", scNull), scF(0x81, "defaultSmdpOid", scOID),
			scF(0x82, "defaultSmdpAddress", scText))),
		scF(0xA8, "setFallbackAttribute", scIccidSeq), scF(0xA9, "unsetFallbackAttribute", scSeq("")),
		scF(0xBF65, "setDefaultDpAddress", scSeq("SetDefaultDpAddressRequest", scF(0x80, "defaultDpAddress", scText))))
	scEcoList = scSeq("ecoList", scF(0xA8, "addEim", scEimConfigurationD), scF(0xA9, "deleteEim", scSeq("", scF(0x80, "eimId", scText))),
		scF(0xAA, "updateEim", scEimConfigurationD), scF(0xAB, "listEim", scSeq("")))
	scEuiccPackageSigned = scSeq("EuiccPackageSigned", scF(0x80, "eimId", scText), scF(0x5A, "eidValue", scEID),
		scF(0x81, "counterValue", scInteger), scF(0x82, "eimTransactionId", scOctets),
		scF(0xA0, "psmoList", scPsmoList), scF(0xA1, "ecoList", scEcoList))

	scEuiccResultData = scSeq("EuiccResultData",
		scF(0x83, "enableResult", scSimpleResult), scF(0x84, "disableResult", scSimpleResult), scF(0x85, "deleteResult", scSimpleResult),
		scF(0xBF2D, "listProfileInfoResult", scProfileInfoList), scF(0xA6, "getRATResult", nil),
		scF(0x87, "configureImmediateEnableResult", scSimpleResult),
		scF(0xA8, "addEimResult", scSeq("", scF(0x84, "associationToken", scInteger), scF(asn1der.TagInteger, "addEimResultCode", scSimpleResult))),
		scF(0x89, "deleteEimResult", scSimpleResult), scF(0x8A, "updateEimResult", scSimpleResult),
		scF(0xAB, "listEimResult", scSeq("", scF(0xA0, "eimIdList", scSeqOf("", asn1der.TagSequence, "EimIdInfo",
			scSeq("EimIdInfo", scF(0x80, "eimId", scText), scF(0x82, "eimIdType", scInteger)))), scF(0x81, "listEimError", scSimpleResult))),
		scF(0x8C, "rollbackResult", scSimpleResult), scF(0x8D, "setFallbackAttributeResult", scSimpleResult),
		scF(0x8E, "unsetFallbackAttributeResult", scSimpleResult),
		scF(asn1der.TagInteger, "processingTerminated", scInt("", map[int64]string{1: "resultSizeOverflow", 2: "unknownOrDamagedCommand", 3: "interruption", 127: "undefinedError"})),
		scF(0xBF65, "setDefaultDpAddressResult", scSeq("SetDefaultDpAddressResponse", scF(0x80, "setDefaultDpAddressResult", scSimpleResult))))
	scEuiccPackageResult = scSeq("EuiccPackageResult",
		// All three alternatives are untagged SEQUENCEs on the wire; they are
		// told apart by their contents (5F37 present or not, 83 seqNumber).
		scF(asn1der.TagSequence, "euiccPackageResultSigned / euiccPackageErrorSigned / euiccPackageErrorUnsigned", scSeq("",
			scF(asn1der.TagSequence, "euiccPackageResultDataSigned / euiccPackageErrorDataSigned", scSeq("",
				scF(0x80, "eimId", scText), scF(0x81, "counterValue", scInteger), scF(0x82, "eimTransactionId", scOctets),
				scF(0x83, "seqNumber", scInteger), scF(asn1der.TagSequence, "euiccResult", scEuiccResultData),
				scF(asn1der.TagInteger, "euiccPackageErrorCode", scInt("EuiccPackageErrorCode", map[int64]string{3: "invalidEid", 4: "replayError", 6: "counterValueOutOfRange", 15: "sizeOverflow", 104: "ecallActive", 127: "undefinedError"})))),
			scF(0x5F37, "euiccSignEPR / euiccSignEPE", scOctets),
			scF(0x80, "eimId", scText), scF(0x82, "eimTransactionId", scOctets), scF(0x84, "associationToken", scInteger))))
)

// ---- the top level (RSP-FACTS §2.8) ---------------------------------------

func scEmpty(name string) SchemaAlt { return SchemaAlt{First: 0, Type: scSeq(name)} }

// MessageSchema is the root of the schema: the top-level objects of ES10a/b/c,
// ES8+, ES9+ (ASN.1 binding), ESipa and X.509 certificates, by tag.
var MessageSchema = &Schema{Name: "", Fields: []SchemaField{
	scF(0xBF20, "EUICCInfo1", scAlts("EUICCInfo1", scEmpty("GetEuiccInfo1Request"), SchemaAlt{First: 0x82, Type: scEUICCInfo1})),
	scF(0xBF22, "EUICCInfo2", scAlts("EUICCInfo2", scEmpty("GetEuiccInfo2Request"), SchemaAlt{First: 0x81, Type: scEUICCInfo2})),
	scF(0xBF2E, "GetEuiccChallenge", scAlts("GetEuiccChallenge", scEmpty("GetEuiccChallengeRequest"),
		SchemaAlt{First: 0x80, Type: scSeq("GetEuiccChallengeResponse", scF(0x80, "euiccChallenge", scOctets))})),
	scF(0xBF3E, "GetEuiccData", scSeq("GetEuiccData", scF(0x5C, "tagList", scOctets), scF(0x5A, "eidValue", scEID))),
	scF(0xBF3C, "EuiccConfiguredAddresses", scAlts("EuiccConfiguredAddresses", scEmpty("EuiccConfiguredAddressesRequest"),
		SchemaAlt{First: 0x80, Type: scSeq("EuiccConfiguredAddressesResponse", scF(0x80, "defaultDpAddress", scText), scF(0x81, "rootDsAddress", scText))},
		SchemaAlt{First: 0x81, Type: scSeq("EuiccConfiguredAddressesResponse", scF(0x81, "rootDsAddress", scText))})),
	scF(0xBF3F, "SetDefaultDpAddress", scSeq("SetDefaultDpAddress", scF(0x80, "defaultDpAddress / setDefaultDpAddressResult", nil))),
	scF(0xBF38, "AuthenticateServer", scAlts("AuthenticateServer",
		SchemaAlt{First: asn1der.TagSequence, Type: scAuthenticateServerRequest},
		SchemaAlt{First: 0xA0, Type: scAuthenticateServerResponse},
		SchemaAlt{First: 0xA1, Type: scAuthenticateServerResponse},
		SchemaAlt{First: 0xA2, Type: scAuthenticateServerResponse})),
	scF(0xBF39, "InitiateAuthentication", scAlts("InitiateAuthentication",
		SchemaAlt{First: 0x81, Has: 0x83, Type: scInitiateAuthenticationRequest},
		SchemaAlt{First: 0xA0, Type: scInitiateAuthenticationResponse},
		SchemaAlt{First: 0x81, Type: scInitiateAuthenticationResponse})),
	scF(0xBF3B, "AuthenticateClient", scAlts("AuthenticateClient",
		SchemaAlt{First: 0x80, Type: scSeq("AuthenticateClientRequest", scF(0x80, "transactionId", scOctets),
			scF(0xBF38, "authenticateServerResponse", scAuthenticateServerResponse), scF(asn1der.TagNull, "useMatchingIdForAcr", scNull))},
		SchemaAlt{First: 0xA0, Type: scSeq("AuthenticateClientResponseEs9", scF(0xA0, "authenticateClientOk", scAuthenticateClientOk))},
		SchemaAlt{First: 0x81, Type: scSeq("AuthenticateClientResponseEs9", scF(0x81, "authenticateClientError", scSimpleResult))},
		SchemaAlt{First: 0xA5, Type: scSeq("AuthenticateClientResponseEs9", scF(0xA5, "authenticateClientOkAcr", scSeq("AuthenticateClientOkAcr",
			scF(0x80, "transactionId", scOctets), scF(0xBF25, "profileMetaData", scStoreMetadataRequest))))})),
	scF(0xBF3A, "GetBoundProfilePackage", scAlts("GetBoundProfilePackage",
		SchemaAlt{First: 0x80, Type: scSeq("GetBoundProfilePackageRequest", scF(0x80, "transactionId", scOctets),
			scF(0xBF21, "prepareDownloadResponse", scPrepareDownloadResponse))},
		SchemaAlt{First: 0xA0, Type: scSeq("GetBoundProfilePackageResponse", scF(0xA0, "getBoundProfilePackageOk", scSeq("GetBoundProfilePackageOk",
			scF(0x80, "transactionId", scOctets), scF(0xBF36, "boundProfilePackage", scBoundProfilePackage))))},
		SchemaAlt{First: 0x81, Type: scSeq("GetBoundProfilePackageResponse", scF(0x81, "getBoundProfilePackageError", scSimpleResult))})),
	scF(0xBF3D, "HandleNotification", &Schema{Name: "HandleNotification", Fields: scPendingNotificationFields}),
	scF(0xBF41, "CancelSession", scAlts("CancelSession",
		SchemaAlt{First: 0x80, Has: 0xA1, Type: scSeq("CancelSessionRequestEs9", scF(0x80, "transactionId", scOctets),
			scF(0xA1, "cancelSessionResponse", scCancelSessionResponse))},
		SchemaAlt{First: 0x80, Type: scSeq("CancelSessionRequest", scF(0x80, "transactionId", scOctets), scF(0x81, "reason", scCancelReason))},
		SchemaAlt{First: 0xA0, Type: scCancelSessionResponse},
		SchemaAlt{First: 0x81, Type: scCancelSessionResponse},
		SchemaAlt{First: 0xA2, Type: scCancelSessionResponse})),
	scF(0xBF21, "PrepareDownload", scAlts("PrepareDownload",
		SchemaAlt{First: asn1der.TagSequence, Type: scPrepareDownloadRequest},
		SchemaAlt{First: 0xA0, Type: scPrepareDownloadResponse},
		SchemaAlt{First: 0xA1, Type: scPrepareDownloadResponse},
		SchemaAlt{First: 0xA2, Type: scPrepareDownloadResponse})),
	scF(0xBF23, "InitialiseSecureChannelRequest", scInitialiseSecureChannelRequest),
	scF(0xBF24, "ConfigureISDPRequest", scConfigureISDPRequest),
	scF(0xBF25, "StoreMetadataRequest", scStoreMetadataRequest),
	scF(0xBF26, "ReplaceSessionKeysRequest", scReplaceSessionKeys),
	scF(0xBF36, "BoundProfilePackage", scBoundProfilePackage),
	scF(0xBF37, "ProfileInstallationResult", scProfileInstallationResult),
	scF(0xBF27, "ProfileInstallationResultData", scProfileInstallationResultData),
	scF(0xBF2F, "NotificationMetadata", scNotificationMetadata),
	scF(0xBF28, "ListNotification", scSeq("ListNotification",
		scF(0xA0, "notificationMetadataList", scSeqOf("", 0xBF2F, "NotificationMetadata", scNotificationMetadata)),
		scF(0x81, "profileManagementOperation / listNotificationsResultError", nil))),
	scF(0xBF2B, "RetrieveNotificationsList", scSeq("RetrieveNotificationsList",
		// Request: searchCriteria (A0 {80 seqNumber | 81 event | 82 euiccPackageResults}).
		// Response: notificationList A0, error 81, euiccPackageResultList A2.
		scF(0xA0, "searchCriteria / notificationList", &Schema{Name: "PendingNotificationList", Fields: append([]SchemaField{
			scF(0x80, "seqNumber", scInteger), scF(0x81, "profileManagementOperation", scNotificationEvent), scF(0x82, "euiccPackageResults", scNull),
		}, scPendingNotificationFields...)}),
		scF(0x81, "notificationsListResultError", scSimpleResult),
		scF(0xA2, "euiccPackageResultList", scSeqOf("EuiccPackageResultList", 0xBF51, "EuiccPackageResult", scEuiccPackageResult)))),
	scF(0xBF30, "NotificationSent", scSeq("NotificationSent", scF(0x80, "seqNumber / deleteNotificationStatus", scInteger))),
	scF(0xBF2D, "ProfileInfoList", scProfileInfoList),
	scF(0xBF31, "EnableProfile", scAlts("EnableProfile",
		SchemaAlt{First: 0xA0, Type: scSeq("EnableProfileRequest", scF(0xA0, "profileIdentifier", &Schema{Fields: scIccidOrAid}), scF(0x81, "refreshFlag", scBool))},
		SchemaAlt{First: 0x80, Type: scSeq("EnableProfileResponse", scF(0x80, "enableResult", scSimpleResult))})),
	scF(0xBF32, "DisableProfile", scAlts("DisableProfile",
		SchemaAlt{First: 0xA0, Type: scSeq("DisableProfileRequest", scF(0xA0, "profileIdentifier", &Schema{Fields: scIccidOrAid}), scF(0x81, "refreshFlag", scBool))},
		SchemaAlt{First: 0x80, Type: scSeq("DisableProfileResponse", scF(0x80, "disableResult", scSimpleResult))})),
	scF(0xBF33, "DeleteProfile", scAlts("DeleteProfile",
		SchemaAlt{First: 0x4F, Type: &Schema{Name: "DeleteProfileRequest", Fields: scIccidOrAid}},
		SchemaAlt{First: 0x5A, Type: &Schema{Name: "DeleteProfileRequest", Fields: scIccidOrAid}},
		SchemaAlt{First: 0x80, Type: scSeq("DeleteProfileResponse", scF(0x80, "deleteResult", scSimpleResult))})),
	scF(0xBF34, "EuiccMemoryReset", scAlts("EuiccMemoryReset",
		SchemaAlt{First: 0x82, Type: scSeq("EuiccMemoryResetRequest", scF(0x82, "resetOptions", scResetOptions22))},
		SchemaAlt{First: 0x80, Type: scSeq("EuiccMemoryResetResponse", scF(0x80, "resetResult", scSimpleResult))})),
	scF(0xBF64, "EuiccMemoryReset", scAlts("EuiccMemoryReset",
		SchemaAlt{First: 0x82, Type: scSeq("EuiccMemoryResetRequest", scF(0x82, "resetOptions", scResetOptions32))},
		SchemaAlt{First: 0x80, Type: scSeq("EuiccMemoryResetResponse", scF(0x80, "resetResult", scSimpleResult),
			scF(0x81, "resetEimResult", scSimpleResult), scF(0x82, "resetImmediateEnableConfigResult", scSimpleResult))})),
	scF(0xBF29, "SetNickname", scSeq("SetNickname", scF(0x5A, "iccid", scICCID), scF(0x90, "profileNickname", scText),
		scF(0x80, "setNicknameResult", scSimpleResult))),
	scF(0xBF2A, "UpdateMetadataRequest", scStoreMetadataRequest),
	scF(0xBF43, "GetRat", scSeq("GetRat")),
	scF(0xBF35, "LoadCRL", scSeq("LoadCRL")),
	scF(0xBF51, "EuiccPackage", scAlts("EuiccPackage",
		SchemaAlt{First: asn1der.TagSequence, Has: 0x5F37, Type: &Schema{Name: "EuiccPackageRequest / EuiccPackageResult", Fields: []SchemaField{
			scF(asn1der.TagSequence, "euiccPackageSigned / euiccPackageResultDataSigned", scSeq("",
				append(append([]SchemaField{}, scEuiccPackageSigned.Fields...), scEuiccPackageResult.Fields[0].Type.Fields[0].Type.Fields[3:]...)...)),
			scF(0x5F37, "eimSignature / euiccSignEPR", scOctets)}}},
		SchemaAlt{First: asn1der.TagSequence, Type: scEuiccPackageResult})),
	scF(0xBF52, "IpaEuiccData", nil),
	scF(0xBF54, "ProfileDownloadTrigger", nil),
	scF(0xBF5A, "ImmediateEnable", nil),
	scF(0xBF58, "ProfileRollback", nil),
	scF(0xBF5B, "EnableEmergencyProfile", scRefreshOnly("EnableEmergencyProfile", "enableEmergencyProfileResult")),
	scF(0xBF5C, "DisableEmergencyProfile", scRefreshOnly("DisableEmergencyProfile", "disableEmergencyProfileResult")),
	scF(0xBF5D, "ExecuteFallbackMechanism", scRefreshOnly("ExecuteFallbackMechanism", "executeFallbackMechanismResult")),
	scF(0xBF5E, "ReturnFromFallback", scRefreshOnly("ReturnFromFallback", "returnFromFallbackResult")),
	scF(0xBF65, "SetDefaultDpAddress", scSeq("SetDefaultDpAddress", scF(0x80, "defaultDpAddress / setDefaultDpAddressResult", nil))),
	scF(0xE3, "ProfileInfo", scProfileInfo),
	scF(asn1der.TagSequence, "", scAlts("",
		SchemaAlt{First: asn1der.TagSequence, Type: scCertificate},
		SchemaAlt{First: 0x80, Type: scInitiateAuthenticationOk})),
}}

// ---- object identifiers ------------------------------------------------------

var scOIDNames = map[string]string{
	"2.23.146.1":               "id-rsp",
	"2.23.146.1.2.0.1":         "id-rsp-expDate",
	"2.23.146.1.2.0.2":         "id-rsp-totalPartialCrlNumber",
	"2.23.146.1.2.0.3":         "id-rsp-partialCrlNumber",
	"2.23.146.1.2.1.0":         "id-rspRole-ci",
	"2.23.146.1.2.1.1":         "id-rspRole-euicc",
	"2.23.146.1.2.1.2":         "id-rspRole-eum",
	"2.23.146.1.2.1.3":         "id-rspRole-dp-tls",
	"2.23.146.1.2.1.4":         "id-rspRole-dp-auth",
	"2.23.146.1.2.1.5":         "id-rspRole-dp-pb",
	"2.23.146.1.2.1.6":         "id-rspRole-ds-tls",
	"2.23.146.1.2.1.7":         "id-rspRole-ds-auth",
	"2.23.146.1.2.1.0.0.0.0.0": "id-rspRole-euicc (v3)",
	"2.23.146.1.2.1.0.0.0":     "id-rspRole-eum (v3)",
	"2.23.146.1.2.1.0.0.1.0":   "id-rspRole-dp-tls (v3)",
	"2.23.146.1.2.1.0.0.1.1":   "id-rspRole-dp-auth (v3)",
	"2.23.146.1.2.1.0.0.1.2":   "id-rspRole-dp-pb (v3)",
	"2.23.146.1.2.1.0.0.2.0":   "id-rspRole-ds-tls (v3)",
	"2.23.146.1.2.1.0.0.2.1":   "id-rspRole-ds-auth (v3)",
	"2.23.146.1.2.2.0":         "permittedEins",
	"1.2.840.10045.2.1":        "id-ecPublicKey",
	"1.2.840.10045.3.1.7":      "prime256v1",
	"1.3.36.3.3.2.8.1.1.7":     "brainpoolP256r1",
	"1.2.840.10045.4.3.2":      "ecdsa-with-SHA256",
	"2.5.4.3":                  "commonName",
	"2.5.4.5":                  "serialNumber",
	"2.5.4.6":                  "countryName",
	"2.5.4.7":                  "localityName",
	"2.5.4.8":                  "stateOrProvinceName",
	"2.5.4.10":                 "organizationName",
	"2.5.4.11":                 "organizationalUnitName",
	"2.5.29.14":                "subjectKeyIdentifier",
	"2.5.29.15":                "keyUsage",
	"2.5.29.17":                "subjectAltName",
	"2.5.29.19":                "basicConstraints",
	"2.5.29.30":                "nameConstraints",
	"2.5.29.31":                "cRLDistributionPoints",
	"2.5.29.32":                "certificatePolicies",
	"2.5.29.35":                "authorityKeyIdentifier",
	"2.5.29.37":                "extKeyUsage",
	"1.3.6.1.5.5.7.3.1":        "serverAuth",
	"1.3.6.1.5.5.7.3.2":        "clientAuth",
}

// OIDName returns a name for a dotted object identifier the RSP
// certificates and messages use ("prime256v1", "id-rspRole-dp-auth"), or "".
func OIDName(dotted string) string {
	return scOIDNames[strings.TrimSpace(dotted)]
}

// KeyUsageBits names the bits of the X.509 keyUsage extension (RFC 5280
// §4.2.1.3), for dumps of its extnValue.
func KeyUsageBits() []string { return scKeyUsage.Bits }
