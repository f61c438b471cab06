package main

import (
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rspcert"
)

func init() {
	register("cert", "show or verify RSP certificates (cert show FILE; cert verify -ci CI.der CERT.der...)", runCert)
}

const certUsage = `usage:
  rspengine cert show FILE...
      print the fields of RSP certificates (DER or PEM)
  rspengine cert verify -ci CI.der [-ci CI2.der] [-at RFC3339] CERT.der...
      verify CERT.EUM + CERT.EUICC (either order) or one CERT.EUM, CERT.DPauth,
      CERT.DPpb or CERT.DSauth against the given CIs (SGP.22 certificate rules,
      RSP-FACTS §5). Exit 0 with the chain summary, 1 with the spec codes and
      the rule broken, 2 on usage or file errors.
`

func runCert(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, certUsage)
		return 2
	}
	switch args[0] {
	case "show":
		return certShow(args[1:], stdout, stderr)
	case "verify":
		return certVerify(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, certUsage)
		return 0
	}
	fmt.Fprintf(stderr, "rspengine cert: unknown subcommand %q\n%s", args[0], certUsage)
	return 2
}

// readCert reads a certificate file: DER, or the first CERTIFICATE block of a PEM file.
func readCert(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(strings.TrimSpace(string(b[:min(len(b), 64)])), "-----BEGIN") {
		for rest := b; ; {
			var blk *pem.Block
			blk, rest = pem.Decode(rest)
			if blk == nil {
				return nil, fmt.Errorf("%s: no CERTIFICATE block in PEM", name)
			}
			if blk.Type == "CERTIFICATE" {
				return blk.Bytes, nil
			}
		}
	}
	return b, nil
}

func certShow(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, certUsage)
		return 2
	}
	status := 0
	for _, name := range args {
		der, err := readCert(name)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine cert show: %v\n", err)
			status = 2
			continue
		}
		var c rspcert.Certificate
		if err := rspcert.Parse(&c, der); err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", name, err)
			status = 1
			continue
		}
		fmt.Fprintf(stdout, "%s:\n", name)
		writeCert(stdout, &c)
	}
	return status
}

func oidText(b []byte) string { return string(asn1der.AppendOIDText(nil, b)) }

func hexU(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }

func writeCert(w io.Writer, c *rspcert.Certificate) {
	x := &c.Extensions
	crit := func(bit uint16) string {
		if x.IsCritical(bit) {
			return " (critical)"
		}
		return ""
	}
	p := func(k, v string) { fmt.Fprintf(w, "  %-26s %s\n", k+":", v) }
	p("version", fmt.Sprint(c.Version))
	p("serial", hexU(c.SerialNumber))
	sa := oidText(c.SignatureAlgorithm)
	if sa == "1.2.840.10045.4.3.2" {
		sa = "ecdsa-with-SHA256"
	}
	p("signature algorithm", sa)
	p("issuer", c.Issuer.String())
	p("subject", c.Subject.String())
	if x.Role == rspcert.RoleEUICC && c.Subject.SerialNumber != nil {
		p("EID", string(c.Subject.SerialNumber))
	}
	p("notBefore", c.NotBefore.Format(time.RFC3339))
	p("notAfter", c.NotAfter.Format(time.RFC3339))
	if c.PublicKey.CurveOID != nil {
		p("public key", fmt.Sprintf("%v (%s) %s", c.PublicKey.Curve, oidText(c.PublicKey.CurveOID), hexU(c.PublicKey.Point)))
	} else {
		p("public key", "algorithm "+oidText(c.PublicKey.Algorithm))
	}
	if x.Has(rspcert.ExtCertificatePolicies) {
		var ps []string
		it := x.PolicyOIDs()
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			ps = append(ps, oidText(o))
		}
		form := "v2"
		if x.RoleV3 {
			form = "v3"
		}
		p("certificatePolicies", strings.Join(ps, ", ")+crit(rspcert.ExtCertificatePolicies))
		p("RSP role", fmt.Sprintf("%v (%s OID)", x.Role, form))
	}
	if x.Has(rspcert.ExtKeyUsage) {
		var ku []string
		for i, n := range []string{"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"} {
			if x.KeyUsage&(1<<i) != 0 {
				ku = append(ku, n)
			}
		}
		p("keyUsage", strings.Join(ku, ", ")+crit(rspcert.ExtKeyUsage))
	}
	if x.Has(rspcert.ExtBasicConstraints) {
		v := fmt.Sprintf("CA:%v", x.IsCA)
		if x.MaxPathLen >= 0 {
			v += fmt.Sprintf(", pathLen:%d", x.MaxPathLen)
		}
		p("basicConstraints", v+crit(rspcert.ExtBasicConstraints))
	}
	if x.SubjectKeyID != nil {
		p("subjectKeyIdentifier", hexU(x.SubjectKeyID))
	}
	if x.AuthorityKeyID != nil {
		p("authorityKeyIdentifier", hexU(x.AuthorityKeyID))
	}
	if x.Has(rspcert.ExtSubjectAltName) {
		p("subjectAltName", generalNames(rspcert.NewGeneralNames(x.SubjectAltName))+crit(rspcert.ExtSubjectAltName))
	}
	if x.Has(rspcert.ExtNameConstraints) {
		for _, st := range []struct {
			k string
			b []byte
		}{{"nameConstraints permitted", x.PermittedSubtrees}, {"nameConstraints excluded", x.ExcludedSubtrees}} {
			if st.b == nil {
				continue
			}
			var parts []string
			it := rspcert.NewSubtrees(st.b)
			for g, ok := it.Next(); ok; g, ok = it.Next() {
				parts = append(parts, generalName(g))
			}
			p(st.k, strings.Join(parts, "; ")+crit(rspcert.ExtNameConstraints))
		}
	}
	if x.Has(rspcert.ExtPermittedEins) {
		var e []string
		it := rspcert.NewStrings(x.PermittedEins)
		for s, ok := it.Next(); ok; s, ok = it.Next() {
			e = append(e, string(s))
		}
		p("permittedEins", strings.Join(e, ", ")+crit(rspcert.ExtPermittedEins))
	}
	if x.Has(rspcert.ExtCRLDistributionPoints) {
		var u []string
		it := x.CRLDistributionPointURIs()
		for g, ok := it.Next(); ok; g, ok = it.Next() {
			u = append(u, generalName(g))
		}
		p("CRL distribution points", strings.Join(u, ", "))
	}
	if x.Has(rspcert.ExtExtendedKeyUsage) {
		var e []string
		it := x.ExtKeyUsageOIDs()
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			e = append(e, oidText(o))
		}
		p("extendedKeyUsage", strings.Join(e, ", ")+crit(rspcert.ExtExtendedKeyUsage))
	}
	p("TBS span", fmt.Sprintf("%d bytes", len(c.RawTBSCertificate)))
	p("signature", hexU(c.Signature))
}

func generalNames(it rspcert.GeneralNames) string {
	var parts []string
	for g, ok := it.Next(); ok; g, ok = it.Next() {
		parts = append(parts, generalName(g))
	}
	return strings.Join(parts, ", ")
}

func generalName(g asn1der.TLV) string {
	switch g.Tag {
	case rspcert.TagRegisteredID:
		return "registeredID " + oidText(g.Value)
	case rspcert.TagDNSName:
		return "DNS " + string(g.Value)
	case rspcert.TagURI:
		return "URI " + string(g.Value)
	case rspcert.TagRFC822Name:
		return "email " + string(g.Value)
	case rspcert.TagDirectoryName:
		var n rspcert.Name
		if rspcert.DirectoryName(&n, g) == nil {
			return "directoryName " + n.String()
		}
	}
	return "[" + g.Tag.String() + "] " + hexU(g.Value)
}

type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(s string) error { *f = append(*f, s); return nil }

func certVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cert verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cis fileList
	fs.Var(&cis, "ci", "CERT.CI file (DER or PEM); repeat for several CIs")
	at := fs.String("at", "", "verification time, RFC 3339 (default: now)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if len(cis) == 0 || fs.NArg() == 0 {
		fmt.Fprint(stderr, certUsage)
		return 2
	}
	opts := &rspcert.Options{Now: time.Now().UTC()}
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine cert verify: -at: %v\n", err)
			return 2
		}
		opts.Now = t.UTC()
	}
	store := &rspcert.CIStore{}
	var ciRaw [][]byte
	for _, name := range cis {
		der, err := readCert(name)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine cert verify: %v\n", err)
			return 2
		}
		if _, err := store.Add(der); err != nil {
			return verifyFailed(stdout, name+" (as CI)", err)
		}
		ciRaw = append(ciRaw, der)
	}
	// Read the chain; a copy of a CI given with -ci is dropped.
	var ders [][]byte
	var names []string
	for _, name := range fs.Args() {
		der, err := readCert(name)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine cert verify: %v\n", err)
			return 2
		}
		isCI := false
		for _, c := range ciRaw {
			isCI = isCI || string(c) == string(der)
		}
		if !isCI {
			ders, names = append(ders, der), append(names, name)
		}
	}
	certs := make([]rspcert.Certificate, len(ders))
	for i := range ders {
		if err := rspcert.Parse(&certs[i], ders[i]); err != nil {
			return verifyFailed(stdout, names[i], err)
		}
	}
	switch len(ders) {
	case 1:
		c := &certs[0]
		switch role := c.Extensions.Role; role {
		case rspcert.RoleEUM:
			ci, err := store.VerifyEUM(c, ders[0], opts)
			if err != nil {
				return verifyFailed(stdout, names[0], err)
			}
			fmt.Fprintf(stdout, "OK at %s: CI %s (%s, %v) -> EUM %q\n", opts.Now.Format(time.RFC3339), hexU(ci.PKID), ci.Cert.Subject.CommonName, ci.Curve(), c.Subject.CommonName)
			return 0
		case rspcert.RoleEUICC:
			fmt.Fprintf(stderr, "rspengine cert verify: %s is a CERT.EUICC: give its CERT.EUM too\n", names[0])
			return 2
		default:
			if role != rspcert.RoleDPpb && role != rspcert.RoleDSauth {
				role = rspcert.RoleDPauth // anything else is checked as the serverCertificate
			}
			var sc rspcert.ServerChain
			if err := store.VerifyServerCertificate(&sc, ders[0], role, opts); err != nil {
				return verifyFailed(stdout, names[0], err)
			}
			fmt.Fprintf(stdout, "OK at %s: CI %s (%s, %v) -> %v %q, SM-DP+ OID %s\n", opts.Now.Format(time.RFC3339), hexU(sc.CI.PKID), sc.CI.Cert.Subject.CommonName, sc.CI.Curve(), role, sc.Cert.Subject.CommonName, oidText(sc.SMDPOID))
			return 0
		}
	case 2:
		eum, euicc := chainOrder(&certs[0], &certs[1])
		var ch rspcert.EUICCChain
		if err := store.VerifyEUICCChain(&ch, ders[eum], ders[euicc], opts); err != nil {
			var e *rspcert.Error
			name := names[euicc]
			if errors.As(err, &e) && (e.Cert == rspcert.RoleEUM || e.Cert == rspcert.RoleCI) {
				name = names[eum]
			}
			return verifyFailed(stdout, name, err)
		}
		fmt.Fprintf(stdout, "OK at %s: CI %s (%s, %v) -> EUM %q -> eUICC %q, EID %s\n", opts.Now.Format(time.RFC3339), hexU(ch.CI.PKID), ch.CI.Cert.Subject.CommonName, ch.CI.Curve(), ch.EUM.Subject.CommonName, ch.EUICC.Subject.CommonName, ch.EID)
		return 0
	}
	fmt.Fprintf(stderr, "rspengine cert verify: give one certificate (EUM, DPauth, DPpb, DSauth) or two (EUM and eUICC), besides the CIs; got %d\n", len(ders))
	return 2
}

// chainOrder returns the indexes (issuer, leaf) of a two-certificate chain
// given in either order: by AKI/SKI linkage first, then by the role OIDs, then
// leaf last.
func chainOrder(a, b *rspcert.Certificate) (eum, euicc int) {
	ska, skb := a.Extensions.SubjectKeyID, b.Extensions.SubjectKeyID
	aka, akb := a.Extensions.AuthorityKeyID, b.Extensions.AuthorityKeyID
	switch {
	case ska != nil && string(ska) == string(akb) && string(ska) != string(aka):
		return 0, 1
	case skb != nil && string(skb) == string(aka) && string(skb) != string(akb):
		return 1, 0
	case a.Extensions.Role == rspcert.RoleEUICC || b.Extensions.Role == rspcert.RoleEUM:
		return 1, 0
	}
	return 0, 1
}

func verifyFailed(w io.Writer, name string, err error) int {
	var e *rspcert.Error
	if !errors.As(err, &e) {
		fmt.Fprintf(w, "FAIL %s: %v\n", name, err)
		return 1
	}
	fmt.Fprintf(w, "FAIL %s: %v\n", name, err)
	if e.Status.Subject != "" {
		fmt.Fprintf(w, "  SM-DP+ status: subjectCode %s, reasonCode %s\n", e.Status.Subject, e.Status.Reason)
	}
	if e.ES10 != 0 {
		fmt.Fprintf(w, "  eUICC (ES10) code: %v\n", e.ES10)
	}
	fmt.Fprintf(w, "  rule: %v\n", e.Rule)
	return 1
}
