/// Fixed key pairs the sandbox signs with (Adobe Commerce webhooks: RSA-SHA256; eBay notifications: ECDSA P-256). Test
/// keys, published with the code like every sandbox credential.
public enum SandboxKeys {
    static let magentoPrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIIEugIBADANBgkqhkiG9w0BAQEFAASCBKQwggSgAgEAAoIBAQC0gZI7kJmbQDWU
        Pj5nvz19lzl/BbAUYMFwWCeA3zSbE2knkg297Evh52llVp9yMbsyBIhxgQh/2kSl
        x6x8SRZ++peY2DyTIzXTDQFF7IOyYMovo99BXw41qoWGWVMPqoIrwf7Zx1vU9bkb
        0rqJhiuw9bOjsGvWfrMaQGDHs1F4XCob0hk6z6QK4KNV/lzzCKpEuFLaFAUU7W14
        XYXd1fz/Aqvzx1B1OySDtxt+x91BkMWREK9qhb0rNJfMtw0ag1qn913c+MoIk0h3
        rX+PFaaHvGnCwyaweC7mtIODiCGUadvfFBxJtaKGJq0jiogAlAywD+MyqVfpdbSQ
        YqTz/xFRAgMBAAECgf8f0TcViMeKtia7mr0lTHBqUt2vpjEDZoqyYteTv8RmEWXX
        s8b4U06M412Qn1Q7rMhyaJokZ7o3zyGKl0ewILH2b/WI25TR2sMCEKjIyofsSWNa
        Qmh3/WljzEr9A4HAoS2QyQFDIgDt6OJYJSz8UMoixyyDDfX0OSEY34Avs0wJCukm
        YGOLFMZGPKP+wDxmvNl4os5x80o2erno4grfR5dKTqMtfB3QPzkpJiyMkQyR1irQ
        AkVTTC8qOv81GFMWge4lmm0d2rVXdVeA3i7XBfCAIWzNzhGGf6leGp74j63Iwoir
        FjkmHPK87oF9hPAMD2BpXdPOJcWz2t/jSV8UgykCgYEA+7vQ8RhbLk9tlfDMJwzH
        Aqk3f16XCyOfCyERQngFctIprDB2gAKO/69EiUIFKYvwQlgGJMs72SAz5iEycWAD
        ZTgKJQA2cJmNnokuPTbQSR1TTybSe8XquLilq5Q6MKIHY8njqWYUruamd7vPgkxB
        Q3hE1VFpRmJg9d0sX5zcY9kCgYEAt5C5UE0sc7chRjqNzBU1mD1FGe+/uHwwPK0x
        llaDc8uQXiooJI/QGgHY6nb2nxSXXjXqKEhip/p3nuAunvIOZJr+iSqXYB9cjn34
        4iQLDHBlRYd9F6sO4gTW4tsftNZd0/gjlyL2NP/qnWHqO+58WVWdu1qn31Hh9Vg8
        mcZrxjkCgYAXHZ4IJZZp4D1N4Xi9tTypD+Tau1LfYPv/x5+QHPlTG91bxG99Pb7n
        165RdFCJCiKb1P1rb4YlYAGkBjRdmNV2+/higWx+VntcrXgjgt8Jd7nosMXvO7Nc
        FwiPguL9CEPpc+aF7avEi8WJhSN+8YWkrmyTshAauHny2cZzWTIbsQKBgCTCcpnG
        GpTBo4QwzZyE0sq92kyrWjVTiUVdWYTFpmVV6n8w6gEIW6AZppqtYA3TTcyr90xB
        0p/Y5IOIWU2zI3a6IybMxKuXHC3cxC5lEWFYUK9vxnkq5DwWxAGB6AOKuhdspZPq
        iGtspEsIBKQjyfsJziBqsxthhmJfXSNePM7hAoGAf9277QFLj0NI3zB+EZMzWMWU
        RdZog168nhZ/0POL6hS0ORZLD/xRT0X0FaDV33HEUmS8W4OBtFwrNXDKWXGGW6kn
        UB1SNPikTN2IUbqMmjj4yJ3TiwzBdPYiNvwBXioDoODIg5NjL2ZdRhjTQ+cCozjA
        +66oIm5+kJiDExXMU3Y=
        -----END PRIVATE KEY-----
        """

    public static let magentoPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtIGSO5CZm0A1lD4+Z789
        fZc5fwWwFGDBcFgngN80mxNpJ5INvexL4edpZVafcjG7MgSIcYEIf9pEpcesfEkW
        fvqXmNg8kyM10w0BReyDsmDKL6PfQV8ONaqFhllTD6qCK8H+2cdb1PW5G9K6iYYr
        sPWzo7Br1n6zGkBgx7NReFwqG9IZOs+kCuCjVf5c8wiqRLhS2hQFFO1teF2F3dX8
        /wKr88dQdTskg7cbfsfdQZDFkRCvaoW9KzSXzLcNGoNap/dd3PjKCJNId61/jxWm
        h7xpwsMmsHgu5rSDg4ghlGnb3xQcSbWihiatI4qIAJQMsA/jMqlX6XW0kGKk8/8R
        UQIDAQAB
        -----END PUBLIC KEY-----
        """

    static let ebayPrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgDbuhWt0vcOoTTJM1
        nXYCzMEXkHyXgrC/KlrqwMS7a82hRANCAAT9+DKE9jxYuUK7FJ1JGq2nxo6YIBEL
        8o1AU3081bigaONen3Zg/L1p+/3YQQE85zil2tF2qf3iOW4lmgOJu4es
        -----END PRIVATE KEY-----
        """

    static let ebayPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/fgyhPY8WLlCuxSdSRqtp8aOmCAR
        C/KNQFN9PNW4oGjjXp92YPy9afv92EEBPOc4pdrRdqn94jluJZoDibuHrA==
        -----END PUBLIC KEY-----
        """

    static let ebayKeyID = "sandbox-ebay-key-1"
}
