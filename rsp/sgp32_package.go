package rsp

import (
	"strconv"

	"github.com/rspengine/rspengine/asn1der"
)

// SGP.32 V1.2 eUICC Package request side (SGP.32 §2.11.1, RSP-FACTS §2.4.1,
// §2.7, §3.3): EuiccPackageRequest (BF51), EuiccPackageSigned, the PSMOs and
// eCOs, and EimConfigurationData.

// EuiccPackageKind says which EuiccPackage alternative a package carries.
type EuiccPackageKind uint8

// EuiccPackageKind values: the EuiccPackage CHOICE has untagged alternatives,
// so they get the automatic tags [0] and [1] (RSP-FACTS §2.7).
const (
	EuiccPackagePsmoList EuiccPackageKind = 1 // A0 psmoList
	EuiccPackageEcoList  EuiccPackageKind = 2 // A1 ecoList
)

// EuiccPackageRequest is a view of EuiccPackageRequest:
// BF51 { 30 euiccPackageSigned, 5F37 eimSignature }.
// The eIM signature covers Signed.Raw followed by the associationToken as an
// 84 L <INTEGER> data object ([AppendSignedDataWithAssociationToken],
// RSP-FACTS §3.3).
type EuiccPackageRequest struct {
	Raw            []byte
	Signed         EuiccPackageSigned
	EimSignature   []byte // the 5F37 value (r‖s)
	EimSignatureDO []byte // the whole 5F37 TLV
	Extensions     []byte
}

// EuiccPackageSigned is a view of EuiccPackageSigned:
// 30 { 80 eimId, 5A eidValue, 81 counterValue, [82 eimTransactionId], (A0 psmoList | A1 ecoList) }.
type EuiccPackageSigned struct {
	Raw              []byte // the whole 30 TLV, as signed
	EimID            []byte // UTF8String 1..128
	EID              []byte // 16 bytes
	CounterValue     int64
	EimTransactionID []byte // 1..16 bytes; nil when absent
	Kind             EuiccPackageKind
	Extensions       []byte
	list             asn1der.Reader
}

// Psmos returns a cursor over the psmoList (empty for an ecoList package).
// It allocates nothing.
func (s EuiccPackageSigned) Psmos() ListIter[Psmo] {
	if s.Kind != EuiccPackagePsmoList {
		return ListIter[Psmo]{}
	}
	return newListIter(s.list, parsePsmoTLV)
}

// Ecos returns a cursor over the ecoList (empty for a psmoList package).
func (s EuiccPackageSigned) Ecos() ListIter[Eco] {
	if s.Kind != EuiccPackageEcoList {
		return ListIter[Eco]{}
	}
	return newListIter(s.list, parseEcoTLV)
}

// ParseEuiccPackageRequest decodes a strict-DER EuiccPackageRequest (BF51).
// Every PSMO or eCO is checked here, so iterating them cannot fail.
func ParseEuiccPackageRequest(b []byte) (EuiccPackageRequest, error) {
	return ParseEuiccPackageRequestMode(b, asn1der.DER)
}

// ParseEuiccPackageRequestMode is [ParseEuiccPackageRequest] in mode m.
func ParseEuiccPackageRequestMode(b []byte, m asn1der.Mode) (EuiccPackageRequest, error) {
	var q EuiccPackageRequest
	t, r, err := mgTop(b, TagEuiccPackage, m)
	if err == nil {
		q.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Expect(asn1der.TagSequence); err == nil {
			if q.Signed, err = parseEuiccPackageSignedTLV(v, m); err == nil {
				if v, err = r.Expect(TagSignature); err == nil {
					q.EimSignature, q.EimSignatureDO = v.Value, v.Raw
					q.Extensions, err = mgEnd(&r, asn1der.TagSequence, TagSignature)
				}
			}
		}
	}
	if err != nil {
		return EuiccPackageRequest{}, parseErr("EuiccPackageRequest", err)
	}
	return q, nil
}

// ParseEuiccPackageSigned decodes a strict-DER EuiccPackageSigned (30 …).
func ParseEuiccPackageSigned(b []byte) (EuiccPackageSigned, error) {
	t, err := asn1der.Parse(b)
	if err == nil {
		var s EuiccPackageSigned
		if s, err = parseEuiccPackageSignedTLV(t, asn1der.DER); err == nil {
			return s, nil
		}
	}
	return EuiccPackageSigned{}, parseErr("EuiccPackageSigned", err)
}

func parseEuiccPackageSignedTLV(t asn1der.TLV, m asn1der.Mode) (EuiccPackageSigned, error) {
	s := EuiccPackageSigned{Raw: t.Raw}
	if t.Tag != asn1der.TagSequence {
		return s, mgWrongTag(t, asn1der.TagSequence)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return s, err
	}
	if s.EimID, err = mgEimID(&r, 0x80); err != nil {
		return s, err
	}
	v, err := r.Expect(TagEID)
	if err != nil {
		return s, err
	}
	if s.EID, err = mgSized(v, EIDSize, EIDSize, "eidValue is not 16 bytes"); err != nil {
		return s, err
	}
	if s.CounterValue, err = mgInt(&r, 0x81); err != nil {
		return s, err
	}
	if s.EimTransactionID, err = mgOptTransactionID(&r, 0x82); err != nil {
		return s, err
	}
	if v, err = r.Next(); err != nil {
		return s, err
	}
	c, err := r.Enter(v)
	if err != nil {
		return s, err
	}
	switch v.Tag {
	case 0xA0:
		s.Kind = EuiccPackagePsmoList
		_, err = mgList(c, 0, parsePsmoTLV)
	case 0xA1:
		s.Kind = EuiccPackageEcoList
		_, err = mgList(c, 0, parseEcoTLV)
	default:
		err = mgBadChoice(v)
	}
	if err != nil {
		return s, err
	}
	s.list = c
	s.Extensions, err = mgEnd(&r, 0x80, TagEID, 0x81, 0x82, 0xA0, 0xA1)
	return s, err
}

// mgEimID reads an eimId UTF8String (SIZE(1..128)).
func mgEimID(r *asn1der.Reader, t asn1der.Tag) ([]byte, error) {
	v, err := r.Expect(t)
	if err != nil {
		return nil, err
	}
	if _, err := mgSized(v, 1, 128, "eimId is not 1 to 128 bytes"); err != nil {
		return nil, err
	}
	return mgCheckUTF8(v)
}

// mgOptTransactionID reads an OPTIONAL TransactionId (1..16 bytes).
func mgOptTransactionID(r *asn1der.Reader, t asn1der.Tag) ([]byte, error) {
	v, ok, err := r.Optional(t)
	if err != nil || !ok {
		return nil, err
	}
	return mgSized(v, 1, MaxTransactionID, "eimTransactionId is not 1 to 16 bytes")
}

func mgAppendEuiccPackageSignedHeader(dst []byte, s *EuiccPackageSigned) ([]byte, asn1der.Mark) {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, s.EimID)
	dst = asn1der.AppendTLV(dst, TagEID, s.EID)
	dst = asn1der.AppendInt64(dst, 0x81, s.CounterValue)
	if s.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, s.EimTransactionID)
	}
	return dst, mk
}

// AppendEuiccPackageSignedPsmos appends an EuiccPackageSigned (30 …) carrying
// a psmoList, with eimId, eidValue, counterValue, eimTransactionId and
// Extensions taken from s (s.Kind and s.Raw are ignored).
func AppendEuiccPackageSignedPsmos(dst []byte, s *EuiccPackageSigned, psmos ...Psmo) []byte {
	dst, mk := mgAppendEuiccPackageSignedHeader(dst, s)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for i := range psmos {
		dst = AppendPsmo(dst, &psmos[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	dst = append(dst, s.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageSignedEcos appends an EuiccPackageSigned carrying an
// ecoList.
func AppendEuiccPackageSignedEcos(dst []byte, s *EuiccPackageSigned, ecos ...Eco) []byte {
	dst, mk := mgAppendEuiccPackageSignedHeader(dst, s)
	dst, ml := asn1der.AppendBegin(dst, 0xA1)
	for i := range ecos {
		dst = AppendEco(dst, &ecos[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	dst = append(dst, s.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageRequest appends BF51 { euiccPackageSigned, 5F37 eimSignature }
// from the raw signed bytes (as built by AppendEuiccPackageSignedPsmos or
// AppendEuiccPackageSignedEcos and signed) and the 64-byte signature.
func AppendEuiccPackageRequest(dst, euiccPackageSigned, eimSignature []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEuiccPackage)
	dst = append(dst, euiccPackageSigned...)
	dst = asn1der.AppendTLV(dst, TagSignature, eimSignature)
	return asn1der.AppendEnd(dst, mk)
}

// AppendSignedDataWithAssociationToken appends the input of the SGP.32 V1.1+
// signatures eimSignature, euiccSignEPR and euiccSignEPE: the DER of the
// signed structure followed by the associationToken as a [4] INTEGER data
// object (84 L token) (RSP-FACTS §3.3; evidence [IMPL]/[CMT]: the value used
// when no associationToken is configured is not verified there).
func AppendSignedDataWithAssociationToken(dst, signed []byte, associationToken int64) []byte {
	dst = append(dst, signed...)
	return asn1der.AppendInt64(dst, 0x84, associationToken)
}

// PsmoKind names a Profile State Management Operation (SGP.32 §2.11.1.1.3).
type PsmoKind uint8

// PsmoKind values with their tags in the Psmo CHOICE (RSP-FACTS §2.7).
const (
	PsmoEnable                   PsmoKind = iota + 1 // A3 { 5A iccid [05 00 rollbackFlag] }
	PsmoDisable                                      // A4 { 5A iccid }
	PsmoDelete                                       // A5 { 5A iccid }
	PsmoListProfileInfo                              // BF2D ProfileInfoListRequest
	PsmoGetRAT                                       // A6 {}
	PsmoConfigureImmediateEnable                     // A7 { [80 NULL] [81 OID] [82 UTF8String] }
	PsmoSetFallbackAttribute                         // A8 { 5A iccid }
	PsmoUnsetFallbackAttribute                       // A9 {}
	PsmoSetDefaultDpAddress                          // BF65 { 80 address }
)

var psmoKindNames = [...]string{"", "enable", "disable", "delete", "listProfileInfo", "getRAT",
	"configureImmediateEnable", "setFallbackAttribute", "unsetFallbackAttribute", "setDefaultDpAddress"}

func (k PsmoKind) String() string {
	if int(k) < len(psmoKindNames) && k != 0 {
		return psmoKindNames[k]
	}
	return "psmo(" + strconv.FormatUint(uint64(k), 10) + ")"
}

var psmoTags = [...]asn1der.Tag{0, 0xA3, 0xA4, 0xA5, TagProfileInfoList, 0xA6, 0xA7, 0xA8, 0xA9, TagSetDefaultDpAddressSGP32}

// Psmo is a view of one PSMO. Only the fields of its Kind are set.
type Psmo struct {
	Kind PsmoKind
	Raw  []byte
	// ICCID for enable, disable, delete and setFallbackAttribute.
	ICCID []byte
	// RollbackFlag for enable.
	RollbackFlag bool
	// ListProfileInfo for listProfileInfo.
	ListProfileInfo ProfileInfoListRequest
	// configureImmediateEnable: the flag, and the OID contents and FQDN (nil
	// when absent).
	ImmediateEnableFlag bool
	DefaultSmdpOid      []byte
	DefaultSmdpAddress  []byte
	// DefaultDpAddress for setDefaultDpAddress (BF65).
	DefaultDpAddress []byte
	// Extensions are unknown trailing elements of the PSMO's SEQUENCE.
	Extensions []byte
}

func parsePsmoTLV(t asn1der.TLV, m asn1der.Mode) (Psmo, error) {
	p := Psmo{Raw: t.Raw}
	var err error
	switch t.Tag {
	case TagProfileInfoList:
		p.Kind = PsmoListProfileInfo
		p.ListProfileInfo, err = parseProfileInfoListRequestTLV(t, m)
		return p, err
	case TagSetDefaultDpAddressSGP32:
		p.Kind = PsmoSetDefaultDpAddress
		var q SetDefaultDpAddressRequest
		q, err = parseSetDefaultDpAddressRequestTLV(t, m)
		p.DefaultDpAddress, p.Extensions = q.DefaultDpAddress, q.Extensions
		return p, err
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return p, err
	}
	switch t.Tag {
	case 0xA3, 0xA4, 0xA5, 0xA8:
		switch t.Tag {
		case 0xA3:
			p.Kind = PsmoEnable
		case 0xA4:
			p.Kind = PsmoDisable
		case 0xA5:
			p.Kind = PsmoDelete
		default:
			p.Kind = PsmoSetFallbackAttribute
		}
		var v asn1der.TLV
		if v, err = r.Expect(TagICCID); err != nil {
			return p, err
		}
		if p.ICCID, err = mgICCID(v); err != nil {
			return p, err
		}
		if p.Kind == PsmoEnable {
			if p.RollbackFlag, err = mgOptNull(&r, asn1der.TagNull); err != nil {
				return p, err
			}
			p.Extensions, err = mgEnd(&r, TagICCID, asn1der.TagNull)
			return p, err
		}
		p.Extensions, err = mgEnd(&r, TagICCID)
	case 0xA6:
		p.Kind = PsmoGetRAT
		p.Extensions, err = mgEnd(&r)
	case 0xA9:
		p.Kind = PsmoUnsetFallbackAttribute
		p.Extensions, err = mgEnd(&r)
	case 0xA7:
		p.Kind = PsmoConfigureImmediateEnable
		p.ImmediateEnableFlag, p.DefaultSmdpOid, p.DefaultSmdpAddress, err = mgImmediateEnableConfig(&r)
		if err == nil {
			p.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82)
		}
	default:
		err = mgBadChoice(t)
	}
	return p, err
}

// mgImmediateEnableConfig reads { [80 NULL] [81 OID] [82 UTF8String] }, the
// body of configureImmediateEnable and ConfigureImmediateProfileEnablingRequest.
func mgImmediateEnableConfig(r *asn1der.Reader) (flag bool, oid, addr []byte, err error) {
	if flag, err = mgOptNull(r, 0x80); err != nil {
		return
	}
	if v, ok, e := r.Optional(0x81); e != nil {
		return flag, nil, nil, e
	} else if ok {
		if err = asn1der.CheckOID(v); err != nil {
			return
		}
		oid = v.Value
	}
	addr, err = mgOptUTF8(r, 0x82)
	return
}

func mgAppendImmediateEnableConfig(dst []byte, flag bool, oid, addr []byte) []byte {
	if flag {
		dst = asn1der.AppendNull(dst, 0x80)
	}
	if oid != nil {
		dst = asn1der.AppendOID(dst, 0x81, oid)
	}
	if addr != nil {
		dst = asn1der.AppendTLV(dst, 0x82, addr)
	}
	return dst
}

// AppendPsmo appends p, encoded according to p.Kind (p.Raw is ignored). For
// PsmoListProfileInfo, p.ListProfileInfo is encoded.
func AppendPsmo(dst []byte, p *Psmo) []byte {
	switch p.Kind {
	case PsmoListProfileInfo:
		return AppendProfileInfoListRequest(dst, p.ListProfileInfo)
	case PsmoSetDefaultDpAddress:
		return AppendSetDefaultDpAddressRequest(dst, SetDefaultDpAddressRequest{Tag: TagSetDefaultDpAddressSGP32, DefaultDpAddress: p.DefaultDpAddress, Extensions: p.Extensions})
	}
	var t asn1der.Tag
	if int(p.Kind) < len(psmoTags) {
		t = psmoTags[p.Kind]
	}
	if t == 0 {
		return dst // unknown kind: nothing to encode
	}
	dst, mk := asn1der.AppendBegin(dst, t)
	switch p.Kind {
	case PsmoEnable, PsmoDisable, PsmoDelete, PsmoSetFallbackAttribute:
		dst = asn1der.AppendTLV(dst, TagICCID, p.ICCID)
		if p.Kind == PsmoEnable && p.RollbackFlag {
			dst = asn1der.AppendNull(dst, asn1der.TagNull)
		}
	case PsmoConfigureImmediateEnable:
		dst = mgAppendImmediateEnableConfig(dst, p.ImmediateEnableFlag, p.DefaultSmdpOid, p.DefaultSmdpAddress)
	}
	dst = append(dst, p.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// EcoKind names an eIM Configuration Operation (SGP.32 §2.11.1.1.2).
type EcoKind uint8

// EcoKind values with their tags in the Eco CHOICE (RSP-FACTS §2.7).
const (
	EcoAddEim    EcoKind = iota + 1 // A8 EimConfigurationData
	EcoDeleteEim                    // A9 { 80 eimId }
	EcoUpdateEim                    // AA EimConfigurationData
	EcoListEim                      // AB {}
)

var ecoKindNames = [...]string{"", "addEim", "deleteEim", "updateEim", "listEim"}

func (k EcoKind) String() string {
	if int(k) < len(ecoKindNames) && k != 0 {
		return ecoKindNames[k]
	}
	return "eco(" + strconv.FormatUint(uint64(k), 10) + ")"
}

var ecoTags = [...]asn1der.Tag{0, 0xA8, 0xA9, 0xAA, 0xAB}

// Eco is a view of one eCO.
type Eco struct {
	Kind EcoKind
	Raw  []byte
	// EimConfigurationData for addEim and updateEim (its Raw is the A8/AA TLV).
	EimConfigurationData EimConfigurationData
	// EimID for deleteEim.
	EimID []byte
	// Extensions of deleteEim and listEim (addEim/updateEim keep theirs in
	// EimConfigurationData).
	Extensions []byte
}

func parseEcoTLV(t asn1der.TLV, m asn1der.Mode) (Eco, error) {
	e := Eco{Raw: t.Raw}
	var err error
	switch t.Tag {
	case 0xA8, 0xAA:
		e.Kind = EcoAddEim
		if t.Tag == 0xAA {
			e.Kind = EcoUpdateEim
		}
		e.EimConfigurationData, err = parseEimConfigurationDataTLV(t, m)
	case 0xA9:
		e.Kind = EcoDeleteEim
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			// deleteEim's eimId is a bare UTF8String (no size constraint).
			if e.EimID, err = mgUTF8(&r, 0x80); err == nil {
				e.Extensions, err = mgEnd(&r, 0x80)
			}
		}
	case 0xAB:
		e.Kind = EcoListEim
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			e.Extensions, err = mgEnd(&r)
		}
	default:
		err = mgBadChoice(t)
	}
	return e, err
}

// AppendEco appends e according to e.Kind (e.Raw is ignored).
func AppendEco(dst []byte, e *Eco) []byte {
	switch e.Kind {
	case EcoAddEim, EcoUpdateEim:
		return appendEimConfigurationData(dst, ecoTags[e.Kind], &e.EimConfigurationData)
	case EcoDeleteEim:
		dst, mk := asn1der.AppendBegin(dst, 0xA9)
		dst = asn1der.AppendTLV(dst, 0x80, e.EimID)
		dst = append(dst, e.Extensions...)
		return asn1der.AppendEnd(dst, mk)
	case EcoListEim:
		dst, mk := asn1der.AppendBegin(dst, 0xAB)
		dst = append(dst, e.Extensions...)
		return asn1der.AppendEnd(dst, mk)
	}
	return dst
}

// EimSupportedProtocol is the eimSupportedProtocol named BIT STRING.
type EimSupportedProtocol uint64

// EimSupportedProtocol bits.
const (
	EimRetrieveHTTPS EimSupportedProtocol = 1 << 0
	EimRetrieveCoAPs EimSupportedProtocol = 1 << 1
	EimInjectHTTPS   EimSupportedProtocol = 1 << 2
	EimInjectCoAPs   EimSupportedProtocol = 1 << 3
	EimProprietary   EimSupportedProtocol = 1 << 4
)

var eimSupportedProtocolNames = [...]string{"eimRetrieveHttps", "eimRetrieveCoaps", "eimInjectHttps", "eimInjectCoaps", "eimProprietary"}

func (p EimSupportedProtocol) String() string {
	return mgBitsString(uint64(p), eimSupportedProtocolNames[:])
}

// EimKeyKind says which alternative an eIM key CHOICE holds.
type EimKeyKind uint8

// EimKeyKind values. The two alternatives are both SEQUENCEs with no tag of
// their own, so AUTOMATIC TAGS gives them [0] and [1], implicit: A0 holds
// the contents of a SubjectPublicKeyInfo, A1 the contents of a Certificate.
const (
	EimKeyAbsent      EimKeyKind = 0
	EimKeyPublicKey   EimKeyKind = 1 // A0: SubjectPublicKeyInfo (eimPublicKey / trustedEimPkTls)
	EimKeyCertificate EimKeyKind = 2 // A1: Certificate (eimCertificate / trustedCertificateTls)
)

// EimKey is eimPublicKeyData [5] or trustedPublicKeyDataTls [6]: a CHOICE,
// explicitly tagged (A5 { A0 … | A1 … }).
type EimKey struct {
	Kind EimKeyKind
	// Contents are the contents octets of the SubjectPublicKeyInfo or
	// Certificate (their SEQUENCE tag is replaced by A0/A1 on the wire).
	Contents []byte
}

// AppendDER appends the key as the standard DER SEQUENCE (30 L Contents),
// the form crypto/x509 parses.
func (k EimKey) AppendDER(dst []byte) []byte {
	return asn1der.AppendTLV(dst, asn1der.TagSequence, k.Contents)
}

func parseEimKey(v asn1der.TLV, m asn1der.Mode) (EimKey, error) {
	c, err := asn1der.Children(v, m)
	if err != nil {
		return EimKey{}, err
	}
	w, err := c.Next()
	if err != nil {
		return EimKey{}, err
	}
	var k EimKey
	switch w.Tag {
	case 0xA0:
		k.Kind = EimKeyPublicKey
	case 0xA1:
		k.Kind = EimKeyCertificate
	default:
		return EimKey{}, mgBadChoice(w)
	}
	k.Contents = w.Value
	return k, mgEndExact(&c)
}

func appendEimKey(dst []byte, t asn1der.Tag, k EimKey) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	inner := asn1der.Tag(0xA0)
	if k.Kind == EimKeyCertificate {
		inner = 0xA1
	}
	dst = asn1der.AppendTLV(dst, inner, k.Contents)
	return asn1der.AppendEnd(dst, mk)
}

// EimConfigurationData is a view of EimConfigurationData (SGP.32
// §2.11.1.1.1, RSP-FACTS §2.4.1): tags 80 … 89 in order, all optional but
// eimId. Raw is the whole TLV (30 in AddInitialEim / GetEimConfigurationData,
// A8/AA inside an eCO).
type EimConfigurationData struct {
	Raw                     []byte
	EimID                   []byte // 80, 1..128
	EimFqdn                 []byte // 81, nil when absent
	HasEimIDType            bool
	EimIDType               EimIdType // 82
	HasCounterValue         bool
	CounterValue            int64 // 83
	HasAssociationToken     bool
	AssociationToken        int64  // 84
	EimPublicKeyData        EimKey // A5
	TrustedPublicKeyDataTLS EimKey // A6
	HasEimSupportedProtocol bool
	EimSupportedProtocol    EimSupportedProtocol // 87
	EuiccCiPKID             []byte               // 88 SubjectKeyIdentifier, nil when absent
	IndirectProfileDownload bool                 // 89 NULL
	Extensions              []byte
	protoBits               int
}

// ParseEimConfigurationData decodes one strict-DER EimConfigurationData (30 …).
func ParseEimConfigurationData(b []byte) (EimConfigurationData, error) {
	t, err := asn1der.Parse(b)
	if err == nil {
		var e EimConfigurationData
		if t.Tag != asn1der.TagSequence {
			err = mgWrongTag(t, asn1der.TagSequence)
		} else if e, err = parseEimConfigurationDataTLV(t, asn1der.DER); err == nil {
			return e, nil
		}
	}
	return EimConfigurationData{}, parseErr("EimConfigurationData", err)
}

func parseEimConfigurationDataTLV(t asn1der.TLV, m asn1der.Mode) (EimConfigurationData, error) {
	e := EimConfigurationData{Raw: t.Raw}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return e, err
	}
	if e.EimID, err = mgEimID(&r, 0x80); err != nil {
		return e, err
	}
	if e.EimFqdn, err = mgOptUTF8(&r, 0x81); err != nil {
		return e, err
	}
	var n int64
	if n, e.HasEimIDType, err = mgOptInt(&r, 0x82); err != nil {
		return e, err
	}
	e.EimIDType = EimIdType(n)
	if e.CounterValue, e.HasCounterValue, err = mgOptInt(&r, 0x83); err != nil {
		return e, err
	}
	if e.AssociationToken, e.HasAssociationToken, err = mgOptInt(&r, 0x84); err != nil {
		return e, err
	}
	if v, ok, err := r.Optional(0xA5); err != nil {
		return e, err
	} else if ok {
		if e.EimPublicKeyData, err = parseEimKey(v, m); err != nil {
			return e, err
		}
	}
	if v, ok, err := r.Optional(0xA6); err != nil {
		return e, err
	} else if ok {
		if e.TrustedPublicKeyDataTLS, err = parseEimKey(v, m); err != nil {
			return e, err
		}
	}
	if v, ok, err := r.Optional(0x87); err != nil {
		return e, err
	} else if ok {
		bits, nb, err := mgBits(v, m)
		if err != nil {
			return e, err
		}
		e.HasEimSupportedProtocol, e.EimSupportedProtocol, e.protoBits = true, EimSupportedProtocol(bits), nb
	}
	if v, ok, err := r.Optional(0x88); err != nil {
		return e, err
	} else if ok {
		e.EuiccCiPKID = v.Value
	}
	if e.IndirectProfileDownload, err = mgOptNull(&r, 0x89); err != nil {
		return e, err
	}
	e.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82, 0x83, 0x84, 0xA5, 0xA6, 0x87, 0x88, 0x89)
	return e, err
}

// AppendEimConfigurationData appends e as a SEQUENCE (30 …).
func AppendEimConfigurationData(dst []byte, e *EimConfigurationData) []byte {
	return appendEimConfigurationData(dst, asn1der.TagSequence, e)
}

func appendEimConfigurationData(dst []byte, t asn1der.Tag, e *EimConfigurationData) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendTLV(dst, 0x80, e.EimID)
	if e.EimFqdn != nil {
		dst = asn1der.AppendTLV(dst, 0x81, e.EimFqdn)
	}
	if e.HasEimIDType {
		dst = asn1der.AppendInt64(dst, 0x82, int64(e.EimIDType))
	}
	if e.HasCounterValue {
		dst = asn1der.AppendInt64(dst, 0x83, e.CounterValue)
	}
	if e.HasAssociationToken {
		dst = asn1der.AppendInt64(dst, 0x84, e.AssociationToken)
	}
	if e.EimPublicKeyData.Kind != EimKeyAbsent {
		dst = appendEimKey(dst, 0xA5, e.EimPublicKeyData)
	}
	if e.TrustedPublicKeyDataTLS.Kind != EimKeyAbsent {
		dst = appendEimKey(dst, 0xA6, e.TrustedPublicKeyDataTLS)
	}
	if e.HasEimSupportedProtocol {
		dst = mgAppendBits(dst, 0x87, uint64(e.EimSupportedProtocol), e.protoBits)
	}
	if e.EuiccCiPKID != nil {
		dst = asn1der.AppendTLV(dst, 0x88, e.EuiccCiPKID)
	}
	if e.IndirectProfileDownload {
		dst = asn1der.AppendNull(dst, 0x89)
	}
	dst = append(dst, e.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}
