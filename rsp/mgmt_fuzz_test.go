package rsp

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// mgtCheck compares a rebuild with the input.
func mgtCheck(name string, in, out []byte) error {
	if !bytes.Equal(in, out) {
		return fmt.Errorf("%s does not rebuild to its input:\n in %X\nout %X", name, in, out)
	}
	return nil
}

// mgtRebuildAll tries every parser of the mgmt_/sgp32_ files that accepts
// the leading tag of b. For each one that accepts b, it rebuilds the message
// with the builders (and walks every iterator) and compares the bytes. It
// returns how many parsers accepted b, or -1 with an error when a rebuild
// differs; with 0 it returns the last parse error.
func mgtRebuildAll(b []byte) (int, error) {
	n := 0
	var last error
	try := func(err error, rebuild func() error) error {
		if err != nil {
			last = err
			return nil
		}
		n++
		return rebuild()
	}
	tag := asn1der.Tag(0)
	if r := asn1der.NewReader(b); !r.Empty() {
		tag = r.PeekTag()
	}
	var err error
	switch tag {
	case TagNotificationMetadata:
		v, e := ParseNotificationMetadata(b)
		err = try(e, func() error { return mgtCheck("NotificationMetadata", b, AppendNotificationMetadata(nil, v)) })
	case TagListNotification:
		q, e := ParseListNotificationRequest(b)
		err = try(e, func() error { return mgtCheck("ListNotificationRequest", b, AppendListNotificationRequest(nil, q)) })
		if err == nil {
			l, e := ParseListNotificationResponse(b)
			err = try(e, func() error {
				if l.IsError {
					return mgtCheck("ListNotificationResponse error", b, AppendListNotificationResponseError(nil, l.Error))
				}
				var list []NotificationMetadata
				for m := range l.NotificationMetadataList().All() {
					list = append(list, m)
				}
				return mgtCheck("ListNotificationResponse", b, AppendListNotificationResponse(nil, list...))
			})
		}
	case TagRetrieveNotificationsList:
		q, e := ParseRetrieveNotificationsListRequest(b)
		err = try(e, func() error {
			return mgtCheck("RetrieveNotificationsListRequest", b, AppendRetrieveNotificationsListRequest(nil, q))
		})
		if err == nil {
			l, e := ParseRetrieveNotificationsListResponse(b)
			err = try(e, func() error {
				switch l.Alternative {
				case 0x81:
					return mgtCheck("RetrieveNotificationsListResponse error", b, AppendRetrieveNotificationsListResponseError(nil, l.Error))
				case 0xA0:
					var raws [][]byte
					it := l.NotificationList()
					for p, ok := it.Next(); ok; p, ok = it.Next() {
						if err := mgtCheckPending(p); err != nil {
							return err
						}
						raws = append(raws, p.Raw)
					}
					return mgtCheck("RetrieveNotificationsListResponse", b, AppendRetrieveNotificationsListResponse(nil, raws...))
				default:
					var raws [][]byte
					for r := range l.EuiccPackageResultList().All() {
						if err := mgtCheckResult(r); err != nil {
							return err
						}
						raws = append(raws, r.Raw)
					}
					return mgtCheck("RetrieveNotificationsListResponse results", b, AppendRetrieveNotificationsListResponseResults(nil, raws...))
				}
			})
		}
	case TagProfileInstallationResult, asn1der.TagSequence:
		p, e := ParsePendingNotification(b)
		err = try(e, func() error { return mgtCheckPending(p) })
	case TagNotificationSent:
		q, e := ParseNotificationSentRequest(b)
		err = try(e, func() error { return mgtCheck("NotificationSentRequest", b, AppendNotificationSentRequest(nil, q)) })
		if err == nil {
			r, e := ParseNotificationSentResponse(b)
			err = try(e, func() error { return mgtCheck("NotificationSentResponse", b, AppendNotificationSentResponse(nil, r)) })
		}
	case TagProfileInfoList:
		q, e := ParseProfileInfoListRequest(b)
		err = try(e, func() error { return mgtCheck("ProfileInfoListRequest", b, AppendProfileInfoListRequest(nil, q)) })
		if err == nil {
			l, e := ParseProfileInfoListResponse(b)
			err = try(e, func() error { return mgtCheckProfileInfoList(b, l) })
		}
	case TagProfileInfo:
		p, e := ParseProfileInfo(b)
		err = try(e, func() error { return mgtCheck("ProfileInfo", b, AppendProfileInfo(nil, &p)) })
	case TagEnableProfile, TagDisableProfile:
		q, e := parseProfileIDRequest(b, asn1der.DER, tag, "ProfileIDRequest")
		err = try(e, func() error {
			if tag == TagEnableProfile {
				return mgtCheck("EnableProfileRequest", b, AppendEnableProfileRequest(nil, q))
			}
			return mgtCheck("DisableProfileRequest", b, AppendDisableProfileRequest(nil, q))
		})
	case TagDeleteProfile:
		q, e := ParseDeleteProfileRequest(b)
		err = try(e, func() error { return mgtCheck("DeleteProfileRequest", b, AppendDeleteProfileRequest(nil, q)) })
	case TagSetNickname:
		q, e := ParseSetNicknameRequest(b)
		err = try(e, func() error { return mgtCheck("SetNicknameRequest", b, AppendSetNicknameRequest(nil, q)) })
	case TagSetDefaultDpAddress, TagSetDefaultDpAddressSGP32:
		q, e := ParseSetDefaultDpAddressRequest(b)
		err = try(e, func() error {
			return mgtCheck("SetDefaultDpAddressRequest", b, AppendSetDefaultDpAddressRequest(nil, q))
		})
	case TagEuiccMemoryReset, TagEuiccMemoryResetSGP32:
		q, e := ParseEuiccMemoryResetRequest(b)
		err = try(e, func() error { return mgtCheck("EuiccMemoryResetRequest", b, AppendEuiccMemoryResetRequest(nil, q)) })
		if err == nil {
			r, e := ParseEuiccMemoryResetResponse(b)
			err = try(e, func() error { return mgtCheck("EuiccMemoryResetResponse", b, AppendEuiccMemoryResetResponse(nil, r)) })
		}
	case TagGetRat:
		g, e := ParseGetRatResponse(b)
		err = try(e, func() error {
			var rules []ProfilePolicyAuthorisationRule
			for r := range g.Rat.Rules().All() {
				it := r.Operators()
				for _, ok := it.Next(); ok; _, ok = it.Next() {
				}
				rules = append(rules, r)
			}
			out := AppendGetRatResponse(nil, rules...)
			if g.Extensions != nil {
				return mgtCheck("GetRatResponse rat", g.Rat.Raw, out[len(out)-len(g.Rat.Raw):])
			}
			return mgtCheck("GetRatResponse", b, out)
		})
	case TagEuiccPackage:
		q, e := ParseEuiccPackageRequest(b)
		err = try(e, func() error { return mgtCheckPackageRequest(b, q) })
		if err == nil {
			r, e := ParseEuiccPackageResult(b)
			err = try(e, func() error {
				if err := mgtCheckResult(r); err != nil {
					return err
				}
				return mgtCheck("EuiccPackageResult", b, AppendEuiccPackageResult(nil, &r))
			})
		}
	case TagGetEimConfigurationData:
		q, e := ParseGetEimConfigurationDataRequest(b)
		err = try(e, func() error {
			return mgtCheck("GetEimConfigurationDataRequest", b, AppendGetEimConfigurationDataRequest(nil, q))
		})
		if err == nil {
			g, e := ParseGetEimConfigurationDataResponse(b)
			err = try(e, func() error {
				var cs []EimConfigurationData
				for c := range g.EimConfigurationDataList().All() {
					cs = append(cs, c)
				}
				if g.Extensions != nil {
					return nil
				}
				return mgtCheck("GetEimConfigurationDataResponse", b, AppendGetEimConfigurationDataResponse(nil, cs...))
			})
		}
	case TagIpaEuiccData:
		q, e := ParseIpaEuiccDataRequest(b)
		err = try(e, func() error { return mgtCheck("IpaEuiccDataRequest", b, AppendIpaEuiccDataRequest(nil, q)) })
		if err == nil {
			r, e := ParseIpaEuiccDataResponse(b)
			err = try(e, func() error {
				for p := range r.Data.Notifications().All() {
					if err := mgtCheckPending(p); err != nil {
						return err
					}
				}
				for x := range r.Data.EuiccPackageResults().All() {
					if err := mgtCheckResult(x); err != nil {
						return err
					}
				}
				return mgtCheck("IpaEuiccDataResponse", b, AppendIpaEuiccDataResponse(nil, &r))
			})
		}
	case TagProfileDownloadTrigger:
		q, e := ParseProfileDownloadTriggerRequest(b)
		err = try(e, func() error {
			return mgtCheck("ProfileDownloadTriggerRequest", b, AppendProfileDownloadTriggerRequest(nil, q))
		})
		if err == nil {
			r, e := ParseProfileDownloadTriggerResult(b)
			err = try(e, func() error {
				return mgtCheck("ProfileDownloadTriggerResult", b, AppendProfileDownloadTriggerResult(nil, &r))
			})
		}
	case TagProfileRollback:
		r, e := ParseProfileRollbackResponse(b)
		err = try(e, func() error {
			if r.HasEuiccPackageResult {
				if err := mgtCheckResult(r.EuiccPackageResult); err != nil {
					return err
				}
			}
			return mgtCheck("ProfileRollbackResponse", b, AppendProfileRollbackResponse(nil, &r))
		})
	case TagConfigureImmediateProfileEnabling:
		q, e := ParseConfigureImmediateProfileEnablingRequest(b)
		err = try(e, func() error {
			return mgtCheck("ConfigureImmediateProfileEnablingRequest", b, AppendConfigureImmediateProfileEnablingRequest(nil, q))
		})
	case TagEimAcknowledgements:
		a, e := ParseEimAcknowledgements(b)
		err = try(e, func() error {
			var seqs []int64
			for s := range a.SequenceNumbers().All() {
				seqs = append(seqs, s)
			}
			return mgtCheck("EimAcknowledgements", b, AppendEimAcknowledgements(nil, seqs...))
		})
	case TagAddInitialEim:
		q, e := ParseAddInitialEimRequest(b)
		err = try(e, func() error {
			var cs []EimConfigurationData
			for c := range q.EimConfigurationDataList().All() {
				if err := mgtCheck("EimConfigurationData", c.Raw, AppendEimConfigurationData(nil, &c)); err != nil {
					return err
				}
				cs = append(cs, c)
			}
			if q.Extensions != nil {
				return nil
			}
			return mgtCheck("AddInitialEimRequest", b, AppendAddInitialEimRequest(nil, cs...))
		})
		if err == nil {
			r, e := ParseAddInitialEimResponse(b)
			err = try(e, func() error {
				if r.IsError {
					return mgtCheck("AddInitialEimResponse error", b, AppendAddInitialEimError(nil, r.Error))
				}
				var rs []AddInitialEimResult
				for x := range r.Results().All() {
					rs = append(rs, x)
				}
				return mgtCheck("AddInitialEimResponse", b, AppendAddInitialEimResponse(nil, rs...))
			})
		}
	}
	if err == nil {
		if _, ok := refreshFlagRequestNames[tag]; ok {
			q, e := ParseRefreshFlagRequest(b, tag)
			err = try(e, func() error { return mgtCheck("RefreshFlagRequest", b, AppendRefreshFlagRequest(nil, q)) })
		}
	}
	if err == nil {
		if _, ok := resultResponseNames[tag]; ok {
			r, e := ParseResultResponse(b, tag)
			err = try(e, func() error { return mgtCheck("ResultResponse", b, AppendResultResponse(nil, r)) })
		}
	}
	if err != nil {
		return -1, err
	}
	if n == 0 {
		if last == nil {
			last = parseErr("mgmt", &asn1der.Error{Rule: asn1der.RuleUnexpectedTag, Tag: tag, Detail: "no parser for this tag"})
		}
		return 0, last
	}
	return n, nil
}

func mgtCheckProfileInfoList(b []byte, l ProfileInfoListResponse) error {
	if l.IsError {
		return mgtCheck("ProfileInfoListResponse error", b, AppendProfileInfoListError(nil, l.Error))
	}
	var infos []ProfileInfo
	for p := range l.ProfileInfos().All() {
		for range p.NotificationConfigurations().All() {
		}
		infos = append(infos, p)
	}
	return mgtCheck("ProfileInfoListResponse", b, AppendProfileInfoListResponse(nil, infos...))
}

func mgtCheckPending(p PendingNotification) error {
	if p.Kind == PendingProfileInstallationResult {
		if err := mgtCheck("ProfileInstallationResult", p.Raw, AppendProfileInstallationResult(nil, &p.ProfileInstallationResult)); err != nil {
			return err
		}
	}
	if p.Kind == PendingOtherSignedNotification {
		if err := mgtCheck("OtherSignedNotification", p.Raw, AppendOtherSignedNotification(nil, p.Other)); err != nil {
			return err
		}
	}
	if p.Metadata.Raw != nil {
		return mgtCheck("NotificationMetadata in PendingNotification", p.Metadata.Raw, AppendNotificationMetadata(nil, p.Metadata))
	}
	return nil
}

func mgtCheckPackageRequest(b []byte, q EuiccPackageRequest) error {
	s := q.Signed
	var signed []byte
	if s.Kind == EuiccPackagePsmoList {
		var ps []Psmo
		it := s.Psmos()
		for p, ok := it.Next(); ok; p, ok = it.Next() {
			if err := mgtCheck("Psmo", p.Raw, AppendPsmo(nil, &p)); err != nil {
				return err
			}
			ps = append(ps, p)
		}
		signed = AppendEuiccPackageSignedPsmos(nil, &s, ps...)
	} else {
		var es []Eco
		for e := range s.Ecos().All() {
			if err := mgtCheck("Eco", e.Raw, AppendEco(nil, &e)); err != nil {
				return err
			}
			es = append(es, e)
		}
		signed = AppendEuiccPackageSignedEcos(nil, &s, es...)
	}
	if err := mgtCheck("EuiccPackageSigned", s.Raw, signed); err != nil {
		return err
	}
	if q.Extensions != nil {
		return nil
	}
	return mgtCheck("EuiccPackageRequest", b, AppendEuiccPackageRequest(nil, signed, q.EimSignature))
}

func mgtCheckResult(r EuiccPackageResult) error {
	switch r.Kind {
	case EuiccPackageResultSignedKind:
		d := r.ResultData
		var rs []EuiccResultData
		for x := range d.EuiccResults().All() {
			if err := mgtCheck("EuiccResultData", x.Raw, AppendEuiccResultData(nil, &x)); err != nil {
				return err
			}
			switch x.Kind {
			case ResultListProfileInfo:
				if err := mgtCheckProfileInfoList(x.Raw, x.ProfileInfoList); err != nil {
					return err
				}
			case ResultListEim:
				if !x.IsError {
					var infos []EimIdInfo
					for e := range x.EimIDList().All() {
						infos = append(infos, e)
					}
					if err := mgtCheck("listEimResult", x.Raw, AppendEuiccResultListEim(nil, infos...)); err != nil {
						return err
					}
				}
			case ResultGetRAT:
				var rules []ProfilePolicyAuthorisationRule
				for p := range x.RAT.Rules().All() {
					rules = append(rules, p)
				}
				if err := mgtCheck("getRATResult", x.Raw, AppendEuiccResultGetRAT(nil, rules...)); err != nil {
					return err
				}
			}
			rs = append(rs, x)
		}
		if err := mgtCheck("EuiccPackageResultDataSigned", d.Raw, AppendEuiccPackageResultDataSigned(nil, &d, rs...)); err != nil {
			return err
		}
	case EuiccPackageErrorSignedKind:
		if err := mgtCheck("EuiccPackageErrorDataSigned", r.ErrorData.Raw, AppendEuiccPackageErrorDataSigned(nil, &r.ErrorData)); err != nil {
			return err
		}
	}
	return mgtCheck("EuiccPackageResult", r.Raw, AppendEuiccPackageResult(nil, &r))
}

// mgtFuzzTarget is the body of the three fuzz targets: no panic, and every
// accepted input rebuilds to itself.
func mgtFuzzTarget(t *testing.T, b []byte) {
	if n, err := mgtRebuildAll(b); n < 0 {
		t.Fatal(err)
	}
	// BER mode must not panic either.
	ParseEuiccPackageRequestMode(b, asn1der.BER)
	ParseEuiccPackageResultMode(b, asn1der.BER)
	ParseProfileInfoListResponseMode(b, asn1der.BER)
	ParseRetrieveNotificationsListResponseMode(b, asn1der.BER)
}

// FuzzParseMgmt dispatches on the leading tag to every parser of the
// mgmt_/sgp32_ files.
func FuzzParseMgmt(f *testing.F) {
	for _, tc := range mgtMgmtCases() {
		f.Add(tc.in)
	}
	for _, tc := range mgtSGP32Cases() {
		f.Add(tc.in)
	}
	f.Fuzz(mgtFuzzTarget)
}

// FuzzParseEuiccPackageRequest targets ParseEuiccPackageRequest.
func FuzzParseEuiccPackageRequest(f *testing.F) {
	for _, tc := range mgtSGP32Cases() {
		if bytes.HasPrefix(tc.in, []byte{0xBF, 0x51, 0x81}) || bytes.HasPrefix(tc.in, []byte{0xBF, 0x51}) {
			f.Add(tc.in)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := ParseEuiccPackageRequest(b)
		if err != nil {
			return
		}
		if err := mgtCheckPackageRequest(b, q); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseEuiccPackageResult targets ParseEuiccPackageResult.
func FuzzParseEuiccPackageResult(f *testing.F) {
	for _, tc := range mgtSGP32Cases() {
		if bytes.HasPrefix(tc.in, []byte{0xBF, 0x51}) {
			f.Add(tc.in)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseEuiccPackageResult(b)
		if err != nil {
			return
		}
		if err := mgtCheckResult(r); err != nil {
			t.Fatal(err)
		}
		if err := mgtCheck("EuiccPackageResult", b, AppendEuiccPackageResult(nil, &r)); err != nil {
			t.Fatal(err)
		}
	})
}
