// Check-in: scan an attendance QR code with the phone's camera, where the browser can read
// QR codes itself (the BarcodeDetector API). Without it, or without JavaScript, the code is
// typed, or scanned by a scanner that types into the box; the page works the same.
(function () {
  "use strict";
  var form = document.querySelector("form.check-in__code");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var input = form.querySelector("input[name=code]");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary";
  button.textContent = "Scan a QR code with the camera";
  var video = document.createElement("video");
  video.setAttribute("playsinline", "");
  video.setAttribute("aria-label", "Camera view: hold the QR code in front of the camera");
  video.className = "check-in__camera";
  video.hidden = true;
  form.appendChild(button);
  form.appendChild(video);

  var stream = null;
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.hidden = true;
    button.textContent = "Scan a QR code with the camera";
  }

  function look() {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        input.value = codes[0].rawValue;
        stop();
        form.submit();
      } else {
        window.setTimeout(look, 200);
      }
    }).catch(function () { window.setTimeout(look, 400); });
  }

  button.addEventListener("click", function () {
    if (stream) {
      stop();
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = "Stop the camera";
        return video.play();
      })
      .then(look)
      .catch(function () {
        stop();
        input.focus();
      });
  });
})();
